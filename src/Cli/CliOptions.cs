using System.Reflection;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;

namespace Concordat.Cli;

/// <summary>
/// The command line's settings, from environment variables with the names the app host reads, so one
/// <c>AppHost__DataDirectory</c> points both at the same development issuer.
/// </summary>
internal sealed class CliOptions
{
    public required string RepositoryRoot { get; init; }

    /// <summary><c>ConnectionStrings__postgres</c>: an existing PostgreSQL for test runs (a user that may create databases).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary><c>ConnectionStrings__messaging</c>: an existing RabbitMQ for test runs, as <c>amqp://user:password@host:port/</c>.</summary>
    public string? MessagingConnectionString { get; init; }

    /// <summary><c>AppHost__RabbitMqManagement</c>: that broker's management API, for creating vhosts in test runs.</summary>
    public string? RabbitMqManagementUri { get; init; }

    /// <summary><c>AppHost__DataDirectory</c>: the git-ignored folder for local data (default <c>.concordat/</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary><c>AppHost__GatewayUrl</c>: the running platform's one address.</summary>
    public required Uri GatewayUrl { get; init; }

    /// <summary>Where the development issuer's key pair is kept: <c>dev-issuer</c> in the data folder.</summary>
    public string DevelopmentIssuerFolder => Path.Combine(DataDirectory, "dev-issuer");

    /// <summary>The build configuration this program was built in; the tests are run from the same.</summary>
    public string BuildConfiguration { get; } =
        typeof(CliOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static CliOptions FromEnvironment()
    {
        var root = LocalSystem.RepositoryRoot();
        return new CliOptions
        {
            RepositoryRoot = root,
            PostgresConnectionString = Setting("ConnectionStrings__postgres"),
            MessagingConnectionString = Setting($"ConnectionStrings__{ResourceNames.Messaging}"),
            RabbitMqManagementUri = Setting("AppHost__RabbitMqManagement"),
            DataDirectory = Path.GetFullPath(Setting("AppHost__DataDirectory") ?? Path.Combine(root, ".concordat")),
            GatewayUrl = new Uri(Setting("AppHost__GatewayUrl") ?? "http://localhost:5080"),
        };
    }

    private static string? Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
