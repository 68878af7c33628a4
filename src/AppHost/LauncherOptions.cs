using Concordat.ServiceDefaults;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Concordat.AppHost;

/// <summary>
/// The launcher's settings, from environment variables or <c>--Key=value</c> arguments.
/// Connection strings use Aspire's names, so an existing RabbitMQ or PostgreSQL is given the same way
/// a service would be given it.
/// </summary>
internal sealed class LauncherOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary><c>ConnectionStrings__postgres</c>: an existing PostgreSQL server (a user that may create databases).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>ConnectionStrings__messaging</c>: an existing RabbitMQ, as <c>amqp://user:password@host:port/vhost</c>.</summary>
    public string? MessagingConnectionString { get; init; }

    /// <summary><c>AppHost__RabbitMqManagement</c>: that broker's management API, for creating vhosts in test runs.</summary>
    public string? RabbitMqManagementUri { get; init; }

    /// <summary><c>AppHost__GatewayUrl</c>: the one address users need.</summary>
    public required Uri GatewayUrl { get; init; }

    /// <summary><c>AppHost__DatabasePrefix</c>: put before each service's database name (tests use one per run).</summary>
    public string DatabasePrefix { get; init; } = "";

    /// <summary><c>AppHost__DataDirectory</c>: where the local servers keep their data and the logs go (git-ignored).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where the development issuer's key pair is kept: <c>dev-issuer</c> in the data folder.</summary>
    public string DevelopmentIssuerFolder => Path.Combine(DataDirectory, "dev-issuer");

    /// <summary><c>AppHost__Logs</c>: <c>console</c> (prefixed lines) or <c>files</c>; by default files under a live table on a terminal, console otherwise.</summary>
    public required bool LogsToConsole { get; init; }

    /// <summary><c>Concordat__InstanceId</c>: this deployment's name in federated records and events.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The build configuration the launcher was built in; services are run from the same.</summary>
    public string BuildConfiguration { get; } =
        typeof(LauncherOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static LauncherOptions From(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var root = LocalSystem.RepositoryRoot();
        var interactive = !Console.IsOutputRedirected && configuration["CI"] is null;
        var logs = configuration["AppHost:Logs"];
        return new LauncherOptions
        {
            RepositoryRoot = root,
            PostgresConnectionString = NullIfEmpty(configuration.GetConnectionString("postgres")),
            MessagingConnectionString = NullIfEmpty(configuration.GetConnectionString(ResourceNames.Messaging)),
            RabbitMqManagementUri = NullIfEmpty(configuration["AppHost:RabbitMqManagement"]),
            GatewayUrl = new Uri(configuration["AppHost:GatewayUrl"] ?? "http://localhost:5080"),
            DatabasePrefix = configuration["AppHost:DatabasePrefix"] ?? "",
            DataDirectory = Path.GetFullPath(configuration["AppHost:DataDirectory"] ?? Path.Combine(root, ".concordat")),
            LogsToConsole = logs is null ? !interactive : logs.Equals("console", StringComparison.OrdinalIgnoreCase),
            InstanceId = configuration["Concordat:InstanceId"] ?? "local",
        };
    }

    /// <summary>Where a project's build output is: the services run from their own build folders.</summary>
    public string AssemblyOf(string projectFolder, string assemblyName) =>
        Path.Combine(RepositoryRoot, "src", projectFolder, "bin", BuildConfiguration, "net10.0", assemblyName + ".dll");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
