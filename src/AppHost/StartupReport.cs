using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Concordat.AppHost;

/// <summary>
/// Tells the terminal what the dashboard shows, for whoever runs the app host headless or reads a CI log: each
/// resource's state as it changes, then one line once every resource is running and healthy and the demo loaded (<see cref="DemoLoader"/>), with the time it
/// took and the one address users need. A resource that fails or exits is logged as an error. Once up, it writes
/// <c>resources.json</c> in the data folder (each resource's name, state and address) for scripts such as the
/// benchmarks, which need the services' private addresses; it is removed when the app host stops.
/// </summary>
internal sealed partial class StartupReport(
    ResourceNotificationService notifications, ResourceLoggerService resourceLogs, DistributedApplicationModel model, AppHostSettings settings,
    DemoLoader demo, ILogger<StartupReport> logger)
{
    private static readonly System.Text.Json.JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts watching, until <paramref name="stoppingToken"/> is cancelled.</summary>
    public void Start(CancellationToken stoppingToken) => _ = WatchAsync(stoppingToken);

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var watched = model.Resources.Where(r => r is not ParameterResource && !r.Name.EndsWith("-dashboard", StringComparison.Ordinal))
            .Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var snapshots = new Dictionary<string, CustomResourceSnapshot>(StringComparer.Ordinal);
        var up = false;
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var name = change.Resource.Name;
                snapshots[name] = change.Snapshot;
                if (change.Snapshot.IsHidden)
                {
                    watched.Remove(name);
                }

                if (!watched.Contains(name))
                {
                    continue;
                }

                var state = change.Snapshot.State?.Text ?? "";
                var health = change.Snapshot.HealthStatus;
                var summary = health is null || state != KnownResourceStates.Running ? state : $"{state} ({health})";
                if (last.GetValueOrDefault(name) != summary && state.Length > 0)
                {
                    last[name] = summary;
                    if (state is "FailedToStart" or "Exited" or "Finished" && !stoppingToken.IsCancellationRequested)
                    {
                        Failed(name, summary, change.Snapshot.ExitCode, await LastLinesAsync(change.Resource));
                    }
                    else
                    {
                        Changed(name, summary);
                    }
                }

                if (!up && watched.All(r => last.GetValueOrDefault(r) is { } s && (s == $"{KnownResourceStates.Running} ({HealthStatus.Healthy})" || s == KnownResourceStates.Running && HasNoHealthChecks(r))))
                {
                    up = true;
                    // Up means ready to use: with the Appendix 1 examples in place when they are wanted.
                    await demo.LoadAsync(stoppingToken);
                    Up(_clock.Elapsed.TotalSeconds, settings.GatewayUrl);
                    await WriteManifestAsync(watched.ToDictionary(n => n, n => snapshots[n]));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            File.Delete(ManifestPath);
        }
    }

    private string ManifestPath => Path.Combine(settings.DataDirectory, "resources.json");

    private async Task WriteManifestAsync(Dictionary<string, CustomResourceSnapshot> snapshots)
    {
        var resources = snapshots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new
        {
            name = s.Key,
            state = s.Value.State?.Text,
            url = s.Value.Urls.FirstOrDefault(u => !u.IsInternal)?.Url ?? s.Value.Urls.FirstOrDefault()?.Url,
        });
        Directory.CreateDirectory(settings.DataDirectory);
        await File.WriteAllTextAsync(ManifestPath, System.Text.Json.JsonSerializer.Serialize(resources, ManifestJson));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {State}")]
    private partial void Changed(string resource, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}: {State} (exit code {ExitCode}); its last lines:\n{Lines}")]
    private partial void Failed(string resource, string state, int? exitCode, string lines);

    /// <summary>The last lines a resource printed, so a headless run says why it failed.</summary>
    private async Task<string> LastLinesAsync(IResource resource)
    {
        var lines = new List<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var batch in resourceLogs.WatchAsync(resource).WithCancellation(enough.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
            // The backlog has been read; the watch would go on for new lines.
        }

        return string.Join('\n', lines.TakeLast(20));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Concordat is up in {Seconds:0.0} s: open {Gateway} (Ctrl+C stops it)")]
    private partial void Up(double seconds, Uri gateway);

    private bool HasNoHealthChecks(string name) =>
        model.Resources.First(r => r.Name == name).Annotations.OfType<HealthCheckAnnotation>().Any() is false;
}

/// <summary>Registers the <see cref="StartupReport"/>.</summary>
internal static class StartupReportExtensions
{
    public static IDistributedApplicationBuilder AddStartupReport(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<DemoLoader>();
        builder.Services.AddSingleton<StartupReport>();
        // From before the orchestrator starts anything (a hosted service would start only after every resource was made).
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            var lifetime = start.Services.GetRequiredService<IHostApplicationLifetime>();
            start.Services.GetRequiredService<StartupReport>().Start(lifetime.ApplicationStopping);
            return Task.CompletedTask;
        });
        return builder;
    }
}
