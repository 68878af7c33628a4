using Aspire.Hosting.ApplicationModel;
using Concordat.AppHost.Servers;

namespace Concordat.AppHost;

/// <summary>The whole platform as Aspire resources: PostgreSQL, RabbitMQ, the four services, the web application and the gateway.</summary>
public static class ConcordatModel
{
    /// <summary>
    /// Adds the servers (see <see cref="AddServers"/>), each service with its database and the broker (referenced
    /// and waited for, ready when <c>/health/ready</c> says so), and the gateway at <see cref="AppHostSettings.GatewayUrl"/>
    /// with a reference to each service, which it finds by service discovery.
    /// </summary>
    public static void AddConcordat(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var (messaging, database) = builder.AddServers(settings);
        var issuer = DevelopmentIssuer.LoadOrCreate(settings.DevelopmentIssuerFolder);

        // A service: its own database and the broker, referenced and waited for.
        IResourceBuilder<ProjectResource> Service<TProject>(string name, string databaseName)
            where TProject : IProjectMetadata, new()
        {
            var serviceDatabase = database(databaseName);
            return builder.AddProject<TProject>(name)
                .AsConcordatProcess(settings, issuer, port: null)
                .WithReference(serviceDatabase).WaitFor(serviceDatabase)
                .WithReference(messaging).WaitFor(messaging);
        }

        var registry = Service<Projects.Services_Registry>(ResourceNames.Registry, ResourceNames.RegistryDatabase)
            // The Gloucestershire Conference from the 2008 prospectus, unless it is already there.
            .WithEnvironment("Registry__SeedDemoData", "true");
        // Cycle and scrutiny check partner API keys against the registry.
        var cycle = Service<Projects.Services_Cycle>(ResourceNames.Cycle, ResourceNames.CycleDatabase).WithReference(registry);
        if (settings.CallInWorkingDays is { } days)
        {
            // The call-in window is the council's to set (its constitution's scrutiny procedure rules).
            cycle.WithEnvironment("Cycle__CallIn__WorkingDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var scrutiny = Service<Projects.Services_Scrutiny>(ResourceNames.Scrutiny, ResourceNames.ScrutinyDatabase).WithReference(registry);
        // Partners manage their webhooks with their registry API keys. On this machine partners' test receivers are
        // local, so http is allowed; the address checks (SSRF) still refuse loopback and private addresses.
        var subscriptions = Service<Projects.Services_Subscriptions>(ResourceNames.Subscriptions, ResourceNames.SubscriptionsDatabase).WithReference(registry)
            .WithEnvironment("Subscriptions__AllowHttp", "true");
        // Partners' AMQP feeds are provisioned through the broker's management API: the local node's, or the one given
        // with an existing broker. Aspire's container broker is not given it, so that instance offers no feeds.
        var management = messaging.Resource switch
        {
            LocalRabbitMqResource local => local.Node.ManagementUri,
            ExistingBrokerResource => settings.MessagingManagement,
            _ => null,
        };
        if (management is not null)
        {
            subscriptions.WithEnvironment($"ConnectionStrings__{ResourceNames.MessagingManagement}", management.ToString());
        }

        // Development only: the OpenID Connect provider with the sign-in page that lists the demo people. It signs with
        // the same key as `./concordat token`, and knows one client, the web application, with a secret made per run.
        var signInSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var devIssuer = builder.AddProject<Projects.DevIssuer>(ResourceNames.DevIssuer)
            .AsConcordatProcess(settings, issuer, port: settings.DevIssuerUrl.Port)
            .WithEnvironment("DevIssuer__KeyFolder", issuer.Folder)
            .WithEnvironment($"DevIssuer__Clients__{AppHostSettings.WebClientId}__Secret", signInSecret);
        var gatewayAddresses = LoopbackAliases(settings.GatewayUrl).ToList();
        for (var i = 0; i < gatewayAddresses.Count; i++)
        {
            devIssuer
                .WithEnvironment($"DevIssuer__Clients__{AppHostSettings.WebClientId}__RedirectUris__{i}", new Uri(gatewayAddresses[i], "signin-oidc").ToString())
                .WithEnvironment($"DevIssuer__Clients__{AppHostSettings.WebClientId}__PostLogoutRedirectUris__{i}", new Uri(gatewayAddresses[i], "signout-callback-oidc").ToString());
        }

        // The web application owns no data: it reads the services' public APIs, so it references and waits for each
        // service its pages read (a page that reads another service adds it here). People sign in at the development
        // provider, as they would at a council's identity provider (deploy/kubernetes/web.yaml).
        var web = builder.AddProject<Projects.Web>(ResourceNames.Web)
            .AsConcordatProcess(settings, issuer, port: null)
            .WithEnvironment("Web__CouncilName", settings.CouncilName)
            .WithEnvironment("Web__SignIn__Authority", settings.DevIssuerUrl.ToString().TrimEnd('/'))
            .WithEnvironment("Web__SignIn__ClientId", AppHostSettings.WebClientId)
            .WithEnvironment("Web__SignIn__ClientSecret", signInSecret)
            .WithEnvironment("Web__SignIn__RequireHttpsMetadata", "false")
            .WaitFor(devIssuer)
            .WithReference(registry).WaitFor(registry)
            .WithReference(cycle).WaitFor(cycle)
            .WithReference(scrutiny).WaitFor(scrutiny)
            .WithReference(subscriptions).WaitFor(subscriptions);

        // The gateway needs nothing to start: it finds the services and the web application when a request comes.
        // Its pages' policy lets the sign-out form's answer go on to the provider's end-session endpoint.
        builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
            .AsConcordatProcess(settings, issuer, port: settings.GatewayUrl.Port)
            .WithEnvironment("Gateway__SignInProvider", settings.DevIssuerUrl.GetLeftPart(UriPartial.Authority))
            .WithExternalHttpEndpoints()
            .WithReference(registry)
            .WithReference(cycle)
            .WithReference(scrutiny)
            .WithReference(subscriptions)
            .WithReference(web);
    }

    /// <summary>The gateway's address, and the same with <c>localhost</c> and <c>127.0.0.1</c> swapped: a browser may use either.</summary>
    private static IEnumerable<Uri> LoopbackAliases(Uri gateway)
    {
        yield return gateway;
        var other = gateway.Host switch { "localhost" => "127.0.0.1", "127.0.0.1" => "localhost", _ => null };
        if (other is not null)
        {
            yield return new UriBuilder(gateway) { Host = other }.Uri;
        }
    }

    /// <summary>
    /// RabbitMQ and PostgreSQL, with one database per service: the installed servers run by the orchestrator
    /// (data in <c>.concordat/</c>), or servers given by <c>ConnectionStrings__postgres</c> and
    /// <c>ConnectionStrings__messaging</c>, or (<c>AppHost:Servers=containers</c>) Aspire's container resources.
    /// Returns the broker, and a way to add a service's database by its connection-string name.
    /// </summary>
    public static (IResourceBuilder<IResourceWithConnectionString> Messaging, Func<string, IResourceBuilder<IResourceWithConnectionString>> Database)
        AddServers(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        if (settings.Servers == ServerSource.Containers)
        {
            var server = builder.AddPostgres(AppHostSettings.Postgres);
            return (builder.AddRabbitMQ(ResourceNames.Messaging), name => server.AddDatabase(name, settings.DatabasePrefix + name));
        }

        IResourceBuilder<IResourceWithConnectionString> messaging = settings.MessagingConnection is { } broker
            ? builder.AddExistingRabbitMq(ResourceNames.Messaging, broker)
            : builder.AddLocalRabbitMq(ResourceNames.Messaging, Path.Combine(settings.DataDirectory, "rabbitmq"), AppHostSettings.VirtualHost);
        if (settings.PostgresConnectionString is { } given)
        {
            var existing = builder.AddExistingPostgres(AppHostSettings.Postgres, given);
            return (messaging, name => existing.AddServiceDatabase(name, settings.DatabasePrefix + name));
        }

        var local = builder.AddLocalPostgres(AppHostSettings.Postgres, Path.Combine(settings.DataDirectory, "postgres"));
        return (messaging, name => local.AddServiceDatabase(name, settings.DatabasePrefix + name));
    }

    /// <summary>
    /// What every Concordat process gets: an HTTP endpoint on loopback that is not proxied (the gateway's hop to a
    /// service is the only one), <c>/health/ready</c> as its health, the instance's identity, and the development
    /// issuer's public key for validating bearer tokens.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AsConcordatProcess(
        this IResourceBuilder<ProjectResource> project, AppHostSettings settings, DevelopmentIssuer issuer, int? port)
    {
        project
            .WithHttpEndpoint(port: port ?? LocalSystem.FreePort(), isProxied: false)
            .WithHttpHealthCheck("/health/ready")
            .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("Concordat__InstanceId", settings.InstanceId)
            .WithEnvironment("Concordat__BaseUri", settings.GatewayUrl.ToString());
        foreach (var (key, value) in issuer.ServiceEnvironment)
        {
            project.WithEnvironment(key, value);
        }

        if (settings.OtlpEndpoint is { } collector)
        {
            // Aspire points every project at the dashboard; a collector named in the settings takes its place.
            project.WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.ToString();
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_HEADERS");
            });
        }
        else if (!settings.Dashboard)
        {
            // Headless, with no collector named: do not send telemetry to a dashboard that is not there.
            project.WithEnvironment(context =>
            {
                foreach (var name in context.EnvironmentVariables.Keys.Where(k => k.StartsWith("OTEL_EXPORTER_OTLP", StringComparison.Ordinal)).ToList())
                {
                    context.EnvironmentVariables.Remove(name);
                }
            });
        }

        return project;
    }
}
