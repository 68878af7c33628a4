using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Concordat.AppHost.Servers;
using Concordat.ServiceDefaults;

namespace Concordat.AppHost.Tests;

/// <summary>
/// What the app host declares in each way of providing the servers. The container mode cannot run on a machine
/// without a container engine (CI has none), so its model is what is proven here.
/// </summary>
public sealed class ModelTests
{
    private static readonly string[] Projects = [ResourceNames.Registry, ResourceNames.Cycle, ResourceNames.Scrutiny, ResourceNames.Subscriptions, ResourceNames.Web, ResourceNames.Gateway, ResourceNames.DevIssuer];

    [Fact]
    public async Task By_default_the_installed_servers_are_executables_with_a_database_per_service()
    {
        await using var model = await AppHostModel.BuildAsync();

        Assert.IsType<LocalPostgresResource>(model.Resource<IResource>(AppHostSettings.Postgres));
        Assert.IsType<LocalRabbitMqResource>(model.Resource<IResource>(ResourceNames.Messaging));
        foreach (var database in new[] { ResourceNames.RegistryDatabase, ResourceNames.CycleDatabase, ResourceNames.ScrutinyDatabase, ResourceNames.SubscriptionsDatabase })
        {
            var resource = model.Resource<ServiceDatabaseResource>(database);
            Assert.Equal(AppHostSettings.Postgres, resource.Parent.Name);
        }
    }

    [Fact]
    public async Task Given_connection_strings_are_used_instead_of_running_servers()
    {
        await using var model = await AppHostModel.BuildAsync(
            "--ConnectionStrings:postgres=Host=db.internal;Username=concordat;Password=secret",
            "--ConnectionStrings:messaging=amqp://concordat:secret@mq.internal:5672/concordat",
            "--AppHost:DatabasePrefix=test_");

        Assert.IsType<ExistingServerResource>(model.Resource<IResource>(AppHostSettings.Postgres));
        Assert.IsType<ExistingBrokerResource>(model.Resource<IResource>(ResourceNames.Messaging));
        Assert.DoesNotContain(model.Resources, r => r is LocalPostgresResource or LocalRabbitMqResource || r.Name.EndsWith("-epmd", StringComparison.Ordinal));
        var registryDb = model.Resource<ServiceDatabaseResource>(ResourceNames.RegistryDatabase);
        Assert.Equal("test_registrydb", registryDb.DatabaseName);
        Assert.Equal(
            "Host=db.internal;Username=concordat;Password=secret;Database=test_registrydb",
            await registryDb.ConnectionStringExpression.GetValueAsync(CancellationToken.None));
        Assert.Equal(
            "amqp://concordat:secret@mq.internal:5672/concordat",
            await model.Resource<IResourceWithConnectionString>(ResourceNames.Messaging).ConnectionStringExpression.GetValueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task In_container_mode_the_servers_are_Aspires_postgres_and_rabbitmq_containers_wired_to_the_services()
    {
        await using var model = await AppHostModel.BuildAsync("--AppHost:Servers=containers");

        var postgres = model.Resource<PostgresServerResource>(AppHostSettings.Postgres);
        var rabbit = model.Resource<RabbitMQServerResource>(ResourceNames.Messaging);
        Assert.True(postgres.IsContainer());
        Assert.True(rabbit.IsContainer());
        Assert.Equal(postgres, model.Resource<PostgresDatabaseResource>(ResourceNames.RegistryDatabase).Parent);

        var registry = await model.PublishedEnvironmentAsync(ResourceNames.Registry);
        Assert.Equal("{registrydb.connectionString}", registry[$"ConnectionStrings__{ResourceNames.RegistryDatabase}"]);
        Assert.Equal("{messaging.connectionString}", registry[$"ConnectionStrings__{ResourceNames.Messaging}"]);
        Assert.Equal("{cycledb.connectionString}", (await model.PublishedEnvironmentAsync(ResourceNames.Cycle))[$"ConnectionStrings__{ResourceNames.CycleDatabase}"]);
    }

    [Fact]
    public async Task Each_service_waits_for_its_own_database_and_the_broker_and_the_gateway_waits_for_nothing()
    {
        await using var model = await AppHostModel.BuildAsync();

        // Waiting for a database waits for its server too.
        Assert.Equal([ResourceNames.Messaging, AppHostSettings.Postgres, ResourceNames.RegistryDatabase], model.WaitsOf(ResourceNames.Registry).Order());
        Assert.Equal([ResourceNames.CycleDatabase, ResourceNames.Messaging, AppHostSettings.Postgres], model.WaitsOf(ResourceNames.Cycle).Order());
        Assert.Equal([ResourceNames.Messaging, AppHostSettings.Postgres, ResourceNames.ScrutinyDatabase], model.WaitsOf(ResourceNames.Scrutiny).Order());
        Assert.Equal([ResourceNames.Messaging, AppHostSettings.Postgres, ResourceNames.SubscriptionsDatabase], model.WaitsOf(ResourceNames.Subscriptions).Order());
        Assert.Empty(model.WaitsOf(ResourceNames.Gateway));
    }

    [Fact]
    public async Task Every_process_is_ready_when_its_health_ready_endpoint_says_so()
    {
        await using var model = await AppHostModel.BuildAsync();

        foreach (var project in Projects)
        {
            Assert.Contains(model.Resource<ProjectResource>(project).Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        }
    }

    [Fact]
    public async Task The_gateway_is_at_the_configured_address_and_finds_every_service_by_name()
    {
        await using var model = await AppHostModel.BuildAsync("--AppHost:GatewayUrl=http://localhost:5090");

        var endpoint = model.Resource<ProjectResource>(ResourceNames.Gateway).Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal(5090, endpoint.Port);
        Assert.True(endpoint.IsExternal);
        var gateway = await model.PublishedEnvironmentAsync(ResourceNames.Gateway);
        foreach (var service in ResourceNames.Services.Append(ResourceNames.Web))
        {
            Assert.Equal($"{{{service}.bindings.http.url}}", gateway[$"services__{service}__http__0"]);
        }
    }

    [Fact]
    public async Task The_web_application_finds_and_waits_for_the_services_its_pages_read_and_has_no_database()
    {
        await using var model = await AppHostModel.BuildAsync("--Web:CouncilName=Stroud District Council");

        var web = await model.PublishedEnvironmentAsync(ResourceNames.Web);
        Assert.Equal([ResourceNames.Cycle, ResourceNames.DevIssuer, ResourceNames.Registry, ResourceNames.Scrutiny, ResourceNames.Subscriptions], model.WaitsOf(ResourceNames.Web).Order());
        Assert.Equal("{registry.bindings.http.url}", web[$"services__{ResourceNames.Registry}__http__0"]);
        Assert.Equal("{cycle.bindings.http.url}", web[$"services__{ResourceNames.Cycle}__http__0"]);
        Assert.Equal("{scrutiny.bindings.http.url}", web[$"services__{ResourceNames.Scrutiny}__http__0"]);
        Assert.Equal("{subscriptions.bindings.http.url}", web[$"services__{ResourceNames.Subscriptions}__http__0"]);
        Assert.DoesNotContain(web.Keys, k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.Equal("Stroud District Council", web["Web__CouncilName"]);
    }

    [Fact]
    public async Task The_web_application_signs_people_in_at_the_development_provider_beside_the_gateway()
    {
        await using var model = await AppHostModel.BuildAsync();

        var endpoint = model.Resource<ProjectResource>(ResourceNames.DevIssuer).Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal(5081, endpoint.Port);
        Assert.False(endpoint.IsExternal);
        var web = await model.PublishedEnvironmentAsync(ResourceNames.Web);
        var provider = await model.PublishedEnvironmentAsync(ResourceNames.DevIssuer);
        Assert.Equal("http://localhost:5081", web["Web__SignIn__Authority"]);
        Assert.Equal(AppHostSettings.WebClientId, web["Web__SignIn__ClientId"]);
        Assert.Equal(64, web["Web__SignIn__ClientSecret"].Length);
        // The same secret at both ends, and only the gateway's own addresses to come back to.
        Assert.Equal(web["Web__SignIn__ClientSecret"], provider[$"DevIssuer__Clients__{AppHostSettings.WebClientId}__Secret"]);
        Assert.Equal("http://localhost:5080/signin-oidc", provider[$"DevIssuer__Clients__{AppHostSettings.WebClientId}__RedirectUris__0"]);
        Assert.Equal("http://127.0.0.1:5080/signin-oidc", provider[$"DevIssuer__Clients__{AppHostSettings.WebClientId}__RedirectUris__1"]);
        Assert.Equal("http://localhost:5080/signout-callback-oidc", provider[$"DevIssuer__Clients__{AppHostSettings.WebClientId}__PostLogoutRedirectUris__0"]);
        Assert.Equal("Development", provider["ASPNETCORE_ENVIRONMENT"]);
        // Signing out posts a form that the provider's end-session endpoint answers: the gateway's pages allow it.
        var gateway = await model.PublishedEnvironmentAsync(ResourceNames.Gateway);
        Assert.Equal("http://localhost:5081", gateway["Gateway__SignInProvider"]);
        // It signs with the key `./concordat token` uses, and the services trust.
        Assert.Equal(provider["Auth__SigningKeysFile"], Path.Combine(provider["DevIssuer__KeyFolder"], "jwks.json"));
    }

    [Fact]
    public async Task Beside_another_gateway_address_the_development_provider_takes_a_free_port_on_the_same_host()
    {
        await using var model = await AppHostModel.BuildAsync("--AppHost:GatewayUrl=http://127.0.0.1:5090");

        var endpoint = model.Resource<ProjectResource>(ResourceNames.DevIssuer).Annotations.OfType<EndpointAnnotation>().Single();
        var web = await model.PublishedEnvironmentAsync(ResourceNames.Web);
        Assert.Equal($"http://127.0.0.1:{endpoint.Port}", web["Web__SignIn__Authority"]);
        Assert.NotEqual(5081, endpoint.Port);
    }
}
