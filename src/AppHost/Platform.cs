using Concordat.ServiceDefaults;
using Concordat.AppHost.Resources;

namespace Concordat.AppHost;

/// <summary>
/// The whole platform as resources: PostgreSQL, RabbitMQ, the three services and the gateway,
/// wired with Aspire's configuration names (<c>ConnectionStrings__*</c>, <c>services__*__http__0</c>, <c>OTEL_*</c>).
/// </summary>
internal sealed class Platform(LauncherOptions options, LogSink logs)
{
    private static readonly (string Name, string Folder, string Assembly, string? Database)[] Services =
    [
        (ResourceNames.Registry, "Services.Registry", "Concordat.Services.Registry", ResourceNames.RegistryDatabase),
        (ResourceNames.Cycle, "Services.Cycle", "Concordat.Services.Cycle", ResourceNames.CycleDatabase),
        (ResourceNames.Scrutiny, "Services.Scrutiny", "Concordat.Services.Scrutiny", ResourceNames.ScrutinyDatabase),
    ];

    private static readonly System.Text.Json.JsonSerializerOptions ManifestJson =
        new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private const string VirtualHost = "concordat";

    public PostgresServer Postgres { get; } = new(
        Path.Combine(options.DataDirectory, "postgres"), options.PostgresConnectionString, ephemeral: false, logs);

    public RabbitMqServer RabbitMq { get; } = new(
        Path.Combine(options.DataDirectory, "rabbitmq"), options.MessagingConnectionString, options.RabbitMqManagementUri, logs);

    public List<ServiceProject> Projects { get; } = [];

    public IEnumerable<Resource> All => [Postgres, RabbitMq, .. Projects];

    /// <summary>Declares the services and the gateway, giving each a private loopback address.</summary>
    public void Declare()
    {
        foreach (var (name, folder, assembly, _) in Services)
        {
            Projects.Add(new ServiceProject(name, options.AssemblyOf(folder, assembly), new Uri($"http://127.0.0.1:{LocalSystem.FreePort()}"), logs));
        }

        Projects.Add(new ServiceProject(ResourceNames.Gateway, options.AssemblyOf("Gateway", "Concordat.Gateway"), options.GatewayUrl, logs));
    }

    /// <summary>Starts everything in dependency order and waits until each is healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Postgres.StartAsync(cancellationToken), RabbitMq.StartAsync(cancellationToken));

        // A broker of our own gets a vhost for the platform; a given connection string is used as it is.
        var messaging = options.MessagingConnectionString
            ?? (await RabbitMq.EnsureVirtualHostAsync(VirtualHost, cancellationToken)).ToString();
        var shared = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = messaging,
            ["Concordat__InstanceId"] = options.InstanceId,
            ["Concordat__BaseUri"] = options.GatewayUrl.ToString(),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };

        // Every service and the gateway trust the development issuer, whose key is kept in the data folder
        // across restarts so tokens printed by `token` stay valid until they expire.
        foreach (var (key, value) in DevelopmentIssuer.LoadOrCreate(options.DevelopmentIssuerFolder).ServiceEnvironment)
        {
            shared[key] = value;
        }
        foreach (var project in Projects)
        {
            shared[$"services__{project.Name}__http__0"] = project.Address.ToString().TrimEnd('/');
        }

        foreach (var variable in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BLRP_SCHEDULE_DELAY", "OTEL_METRIC_EXPORT_INTERVAL" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                shared[variable] = value;
            }
        }

        foreach (var (name, _, _, database) in Services)
        {
            var project = Projects.Single(p => p.Name == name);
            foreach (var (key, value) in shared)
            {
                project.Environment[key] = value;
            }

            if (name == ResourceNames.Registry)
            {
                project.Environment["Registry__SeedDemoData"] = "true";
            }

            if (database is not null)
            {
                project.Environment[$"ConnectionStrings__{database}"] =
                    await Postgres.EnsureDatabaseAsync(options.DatabasePrefix + database, cancellationToken);
            }
        }

        var gateway = Projects.Single(p => p.Name == ResourceNames.Gateway);
        foreach (var (key, value) in shared)
        {
            gateway.Environment[key] = value;
        }

        await Task.WhenAll(Projects.Select(p => p.StartAsync(cancellationToken)));
        await WriteManifestAsync(cancellationToken);
    }

    /// <summary>
    /// Writes each resource's name, state, address and pid to <c>resources.json</c> in the data folder,
    /// so scripts (the benchmark, an operator) can find the private addresses without parsing the table.
    /// </summary>
    public async Task WriteManifestAsync(CancellationToken cancellationToken)
    {
        var manifest = All.Select(r => new { r.Name, State = r.State.ToString(), r.Url, r.Pid });
        Directory.CreateDirectory(options.DataDirectory);
        await File.WriteAllTextAsync(
            Path.Combine(options.DataDirectory, "resources.json"),
            System.Text.Json.JsonSerializer.Serialize(manifest, ManifestJson),
            cancellationToken);
    }

    /// <summary>Stops what was started, the gateway first and the servers last, so nothing is left behind.</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(Projects.Select(p => p.StopAsync()));
        await Task.WhenAll(RabbitMq.StopAsync(), Postgres.StopAsync());
        var manifest = Path.Combine(options.DataDirectory, "resources.json");
        if (File.Exists(manifest))
        {
            File.Delete(manifest);
        }
    }
}
