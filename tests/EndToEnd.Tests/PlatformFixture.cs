using System.Net.Http.Headers;
using Concordat.LocalServers;
using Concordat.Testing;
using Concordat.Testing.Telemetry;
using Npgsql;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The whole platform, started by the launcher on the test run's servers, exporting its traces to an
/// in-test OTLP receiver. Shared by the thin-path tests; removed with its databases and vhost afterwards.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly string _virtualHost = TestServers.UniqueName("e2e");

    public string DatabasePrefix { get; } = TestServers.UniqueName("e2e") + "_";

    public LauncherProcess Launcher { get; private set; } = null!;

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The launcher's development issuer, whose tokens the running platform accepts.</summary>

    public async Task InitializeAsync()
    {
        Traces = await OtlpTraceReceiver.StartAsync();
        var messaging = await TestServers.CreateVirtualHostAsync(_virtualHost);
        Launcher = LauncherProcess.Start(messaging, DatabasePrefix, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Traces.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        await Launcher.WaitUntilUpAsync(TimeSpan.FromSeconds(180));
        Gateway = new HttpClient { BaseAddress = Launcher.Gateway };
        // Registry writes need a platform administrator (or a clerk of the body); reads would pass without. Signed in,
        // the tests' polling (ten times a second, as a partner's system might) gets the identified clients' limits.
        Gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Launcher.AdministratorToken());
    }

    /// <summary>A connection to one service's own database, to check what was (not) stored.</summary>
    public NpgsqlConnection Database(string resource) =>
        new(new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = DatabasePrefix + resource }.ConnectionString);

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (Launcher is not null)
        {
            await Launcher.DisposeAsync();
        }

        if (Traces is not null)
        {
            await Traces.DisposeAsync();
        }

        foreach (var resource in new[] { "registrydb", "cycledb", "scrutinydb" })
        {
            await TestServers.DropDatabaseAsync(DatabasePrefix + resource);
        }

        await TestServers.DeleteVirtualHostAsync(_virtualHost);
    }
}
