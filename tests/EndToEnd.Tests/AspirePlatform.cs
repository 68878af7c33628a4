using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The whole platform started from the Aspire app host's own model with <c>DistributedApplicationTestingBuilder</c>,
/// on the test run's servers (given by connection string, with databases of its own under a prefix and its own
/// vhost), headless, with a private gateway port and data folder. Ready once every service, the web application and the
/// gateway report healthy through Aspire's resource notifications. Shared by the end-to-end and the browser tests
/// (<c>tests/Web.BrowserTests</c> compiles this file by reference).
/// </summary>
public sealed class AspirePlatform : IAsyncDisposable
{
    private readonly string _virtualHost;

    private AspirePlatform(DistributedApplication app, Uri gateway, string dataDirectory, string databasePrefix, string? virtualHost)
    {
        App = app;
        Gateway = gateway;
        DataDirectory = dataDirectory;
        DatabasePrefix = databasePrefix;
        _virtualHost = virtualHost ?? "";
    }

    public DistributedApplication App { get; }

    /// <summary>The gateway's address: the one address users need.</summary>
    public Uri Gateway { get; }

    public string DataDirectory { get; }

    public string DatabasePrefix { get; }

    /// <summary>Platform settings for the app host: configuration of the app host itself, as <c>--Key=value</c>.</summary>
    public sealed record Options
    {
        /// <summary>A broker of the test's own (<c>amqp://…/vhost</c>); by default a new vhost on the run's broker.</summary>
        public Uri? Messaging { get; init; }

        /// <summary>Environment for the gateway, e.g. lifted rate limits.</summary>
        public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>();

        /// <summary>Environment for the subscriptions service, e.g. an allowed host for a test's webhook receiver.</summary>
        public IReadOnlyDictionary<string, string> SubscriptionsEnvironment { get; init; } = new Dictionary<string, string>();

        /// <summary>An OTLP/HTTP collector the services export to.</summary>
        public Uri? Telemetry { get; init; }

        /// <summary>Whether the app host plays the Appendix 1 examples once up; off, so each test starts from the registry's demo alone.</summary>
        public bool DemoData { get; init; }
    }

    /// <summary>Builds the app host's model, starts it and waits until every service, the web application and the gateway are healthy.</summary>
    public static async Task<AspirePlatform> StartAsync(Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Options();
        string? virtualHost = null;
        var messaging = options.Messaging;
        if (messaging is null)
        {
            virtualHost = TestServers.UniqueName("e2e");
            messaging = await TestServers.CreateVirtualHostAsync(virtualHost);
        }

        var prefix = TestServers.UniqueName("e2e") + "_";
        var data = Path.Combine(Path.GetTempPath(), "concordat-e2e-" + Guid.NewGuid().ToString("N"));
        var gateway = new Uri($"http://127.0.0.1:{Repository.FreeLoopbackPort()}");
        List<string> args =
        [
            "--AppHost:Dashboard=false",
            $"--AppHost:DataDirectory={data}",
            $"--AppHost:GatewayUrl={gateway}",
            $"--AppHost:DatabasePrefix={prefix}",
            $"--ConnectionStrings:postgres={TestServers.PostgresAdmin}",
            $"--ConnectionStrings:{ResourceNames.Messaging}={messaging}",
            $"--AppHost:DemoData={options.DemoData}",
        ];
        if (options.Telemetry is { } collector)
        {
            args.Add($"--AppHost:OtlpEndpoint={collector}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. args], cancellationToken);
        var gatewayResource = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Gateway));
        foreach (var (key, value) in options.GatewayEnvironment)
        {
            gatewayResource.WithEnvironment(key, value);
        }

        var subscriptionsResource = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Subscriptions));
        foreach (var (key, value) in options.SubscriptionsEnvironment)
        {
            subscriptionsResource.WithEnvironment(key, value);
        }

        var app = await builder.BuildAsync(cancellationToken);
        var platform = new AspirePlatform(app, gateway, data, prefix, virtualHost);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Patience, not a measure: on a shared 2-core machine, with another platform starting beside it, start-up has
            // taken over three minutes.
            timeout.CancelAfter(TimeSpan.FromMinutes(6));
            await app.StartAsync(timeout.Token);
            await Task.WhenAll(ResourceNames.Services.Append(ResourceNames.Web).Append(ResourceNames.Gateway)
                .Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }

        return platform;
    }

    /// <summary>A client for the gateway, signed in as a platform administrator when <paramref name="administrator"/>.</summary>
    public HttpClient CreateGatewayClient(bool administrator = true)
    {
        // A plain client: no retries that could send a write twice.
        var client = new HttpClient { BaseAddress = Gateway };
        if (administrator)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministratorToken());
        }

        return client;
    }

    /// <summary>
    /// A platform administrator's token from the development issuer the app host keeps in its data folder (as
    /// <c>./concordat token platform_admin</c> makes one).
    /// </summary>
    public string AdministratorToken() =>
        DevelopmentIssuer.Load(Path.Combine(DataDirectory, "dev-issuer"))
            .IssueToken(new TokenRequest { Subject = "end-to-end-admin", Roles = ["platform_admin"], Lifetime = TimeSpan.FromHours(2) });

    /// <summary>A token for <paramref name="subject"/> with <paramref name="roles"/> from the app host's development issuer.</summary>
    public string TokenFor(string subject, params string[] roles) =>
        DevelopmentIssuer.Load(Path.Combine(DataDirectory, "dev-issuer"))
            .IssueToken(new TokenRequest { Subject = subject, Roles = roles, Lifetime = TimeSpan.FromHours(2) });

    /// <summary>Where a resource's HTTP endpoint listens (a service's private address).</summary>
    public Uri AddressOf(string resource) => App.GetEndpoint(resource, "http");

    /// <summary>A connection string to one service's own database, to check what was (not) stored.</summary>
    public string DatabaseConnectionString(string resource) =>
        new Npgsql.NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = DatabasePrefix + resource }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
            foreach (var database in ResourceNames.Databases)
            {
                await TestServers.DropDatabaseAsync(DatabasePrefix + database);
            }

            if (_virtualHost.Length > 0)
            {
                await TestServers.DeleteVirtualHostAsync(_virtualHost);
            }

            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
