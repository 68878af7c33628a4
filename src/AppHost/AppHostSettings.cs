using Microsoft.Extensions.Configuration;

namespace Concordat.AppHost;

/// <summary>Where RabbitMQ and PostgreSQL come from.</summary>
public enum ServerSource
{
    /// <summary>The installed Debian servers, run by the orchestrator as executables (or given by connection string).</summary>
    Local,

    /// <summary>Aspire's container resources, for a developer machine with a container engine (never run in CI).</summary>
    Containers,
}

/// <summary>
/// The app host's settings, from the environment or <c>--Key=value</c> arguments (<c>AppHost__DataDirectory</c>
/// or <c>--AppHost:DataDirectory=…</c>). Read before the builder exists, because whether the dashboard runs is
/// decided when the builder is made.
/// </summary>
public sealed class AppHostSettings
{
    /// <summary>The virtual host the platform uses on a broker the app host runs.</summary>
    public const string VirtualHost = "concordat";

    /// <summary>The PostgreSQL server resource's name (and its connection string's: <c>ConnectionStrings__postgres</c>).</summary>
    public const string Postgres = "postgres";

    public const string DefaultGatewayUrl = "http://localhost:5080";

    public const string DefaultDevIssuerUrl = "http://localhost:5081";

    /// <summary>The web application's client at the development sign-in provider.</summary>
    public const string WebClientId = "concordat-web";

    /// <summary><c>AppHost:DataDirectory</c>: the local servers' data and the development issuer's key (default <c>.concordat/</c>, git-ignored).</summary>
    public required string DataDirectory { get; init; }

    /// <summary><c>AppHost:GatewayUrl</c>: the one address users need (default <c>http://localhost:5080</c>).</summary>
    public required Uri GatewayUrl { get; init; }

    /// <summary>
    /// <c>AppHost:DevIssuerUrl</c>: the development sign-in provider, on loopback, which the browser is sent to when a
    /// person signs in. By default <c>http://localhost:5081</c> beside the default gateway, and a free port on the
    /// gateway's host beside any other (the tests').
    /// </summary>
    public required Uri DevIssuerUrl { get; init; }

    /// <summary><c>AppHost:DatabasePrefix</c>: put before each service's database name (each end-to-end run has its own).</summary>
    public string DatabasePrefix { get; init; } = "";

    /// <summary><c>AppHost:Servers</c>: <c>local</c> (default) or <c>containers</c>.</summary>
    public ServerSource Servers { get; init; }

    /// <summary><c>AppHost:Dashboard</c>: <c>false</c> runs headless, for scripts and CI.</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary><c>ConnectionStrings:postgres</c>: an existing PostgreSQL (a user that may create databases).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>ConnectionStrings:messaging</c>: an existing RabbitMQ, as <c>amqp://user:password@host:port/vhost</c>.</summary>
    public Uri? MessagingConnection { get; init; }

    /// <summary>
    /// <c>ConnectionStrings:messaging-management</c>: that broker's management API with an administrator's credentials
    /// (<c>http://user:password@host:15672/</c>), for partners' AMQP feeds; without it the instance offers none.
    /// </summary>
    public Uri? MessagingManagement { get; init; }

    /// <summary><c>Concordat:InstanceId</c>: this deployment's name in federated records and events.</summary>
    public string InstanceId { get; init; } = "local";

    /// <summary>
    /// <c>AppHost:OtlpEndpoint</c>: an OTLP/HTTP collector the services send telemetry to instead of the dashboard
    /// (a council's own collector; the end-to-end tests' receiver).
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>
    /// <c>AppHost:DemoData</c>: once the platform is up, play the prospectus's Appendix 1 examples through the gateway
    /// (<c>Concordat.DemoData.AppendixOne</c>), beside the registry's demo. On by default; each example is played once.
    /// </summary>
    public bool DemoData { get; init; } = true;

    /// <summary>
    /// <c>Web:CouncilName</c>: the council named in the web application's header. By default the county of the
    /// reference configuration the demo data comes from.
    /// </summary>
    public string CouncilName { get; init; } = "Gloucestershire County Council";

    /// <summary><c>Cycle:CallIn:WorkingDays</c> for the cycle service: the call-in window after a decision is published (default 5).</summary>
    public int? CallInWorkingDays { get; init; }

    /// <summary>Where the development issuer's key pair is kept: <c>dev-issuer</c> in the data folder.</summary>
    public string DevelopmentIssuerFolder => Path.Combine(DataDirectory, "dev-issuer");

    public static AppHostSettings Read(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var servers = configuration["AppHost:Servers"];
        var gateway = new Uri(configuration["AppHost:GatewayUrl"] ?? DefaultGatewayUrl);
        return new AppHostSettings
        {
            DataDirectory = Path.GetFullPath(configuration["AppHost:DataDirectory"] ?? Path.Combine(LocalSystem.RepositoryRoot(), ".concordat")),
            GatewayUrl = gateway,
            DevIssuerUrl = new Uri(configuration["AppHost:DevIssuerUrl"]
                ?? (gateway == new Uri(DefaultGatewayUrl) ? DefaultDevIssuerUrl : $"http://{gateway.Host}:{LocalSystem.FreePort()}")),
            DatabasePrefix = configuration["AppHost:DatabasePrefix"] ?? "",
            Servers = servers is null ? ServerSource.Local
                : Enum.TryParse<ServerSource>(servers, ignoreCase: true, out var source) ? source
                : throw new ArgumentException($"AppHost:Servers must be 'local' or 'containers', not '{servers}'."),
            Dashboard = configuration.GetValue("AppHost:Dashboard", true),
            PostgresConnectionString = NullIfEmpty(configuration.GetConnectionString(Postgres)),
            MessagingConnection = NullIfEmpty(configuration.GetConnectionString(ResourceNames.Messaging)) is { } messaging ? new Uri(messaging) : null,
            MessagingManagement = NullIfEmpty(configuration.GetConnectionString(ResourceNames.MessagingManagement)) is { } management ? new Uri(management) : null,
            InstanceId = configuration["Concordat:InstanceId"] ?? "local",
            OtlpEndpoint = NullIfEmpty(configuration["AppHost:OtlpEndpoint"]) is { } otlp ? new Uri(otlp) : null,
            DemoData = configuration.GetValue("AppHost:DemoData", true),
            CallInWorkingDays = configuration.GetValue<int?>("Cycle:CallIn:WorkingDays"),
            CouncilName = configuration["Web:CouncilName"] ?? "Gloucestershire County Council",
        };
    }

    /// <summary>
    /// Gives the dashboard loopback HTTP addresses when nothing else says where it listens. A launch profile would
    /// say this, but <c>./concordat up</c> runs the built app host, which reads none; HTTP rather than HTTPS
    /// because a fresh machine has no trusted development certificate, and both addresses are loopback only.
    /// </summary>
    public static void ApplyDashboardDefaults()
    {
        SetIfMissing("ASPNETCORE_URLS", "http://localhost:18888");
        SetIfMissing("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "http://localhost:18889");
        SetIfMissing("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");

        static void SetIfMissing(string name, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
