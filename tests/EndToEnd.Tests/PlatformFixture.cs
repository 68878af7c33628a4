using Concordat.Testing.Telemetry;
using Npgsql;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The whole platform, started from the Aspire app host's model (<see cref="AspirePlatform"/>), exporting its
/// traces to an in-test OTLP receiver. Shared by every class of the <see cref="SharedPlatform"/> (each makes its own
/// records, so none depends on another's); removed with its databases and vhost afterwards.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public AspirePlatform Platform { get; private set; } = null!;

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    /// <summary>The gateway, signed in as a platform administrator (registry writes need one; reads would pass without).</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Traces = await OtlpTraceReceiver.StartAsync();
        Platform = await AspirePlatform.StartAsync(new AspirePlatform.Options { Telemetry = Traces.Endpoint });
        Gateway = Platform.CreateGatewayClient();
    }

    /// <summary>A connection to one service's own database, to check what was (not) stored.</summary>
    public NpgsqlConnection Database(string resource) => new(Platform.DatabaseConnectionString(resource));

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        if (Traces is not null)
        {
            await Traces.DisposeAsync();
        }
    }
}

/// <summary>
/// The classes that share one running platform: starting one takes most of a minute on a 2-core machine, so the thin
/// path, authentication, API key and call-in tests start it once between them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedPlatform : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
