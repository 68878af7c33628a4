using System.Runtime.InteropServices;
using Concordat.AppHost.Resources;
using Spectre.Console;

namespace Concordat.AppHost;

/// <summary>Runs the platform until Ctrl+C or SIGTERM, then stops everything it started.</summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(LauncherOptions options)
    {
        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        var logFolder = options.LogsToConsole ? null : Path.Combine(options.DataDirectory, "logs", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        using var logs = new LogSink(logFolder);
        var platform = new Platform(options, logs);
        platform.Declare();
        foreach (var resource in platform.All)
        {
            resource.Changed += r =>
            {
                if (r.State is ResourceState.Exited or ResourceState.Failed)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(r.Name)} {r.State.ToString().ToLowerInvariant()}: {Markup.Escape(r.Detail ?? "")}[/]");
                }
            };
        }

        var started = DateTime.UtcNow;
        var exitCode = 0;
        try
        {
            if (logFolder is null)
            {
                await platform.StartAsync(stopping.Token);
                AnsiConsole.Write(StatusTable.Render(platform, options, logFolder));
                AnsiConsole.MarkupLine($"[green]Concordat is up in {(DateTime.UtcNow - started).TotalSeconds:0.0} s: open {options.GatewayUrl}[/] (Ctrl+C stops it)");
                await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else
            {
                await AnsiConsole.Live(StatusTable.Render(platform, options, logFolder)).StartAsync(async live =>
                {
                    var start = platform.StartAsync(stopping.Token);
                    TimeSpan? upAfter = null;
                    while (!stopping.IsCancellationRequested)
                    {
                        upAfter ??= start.IsCompletedSuccessfully ? DateTime.UtcNow - started : null;
                        live.UpdateTarget(StatusTable.Render(platform, options, logFolder, upAfter));
                        if (start.IsFaulted)
                        {
                            await start;
                        }

                        await Task.Delay(500, stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                });
            }
        }
        catch (MissingPrerequisiteException missing)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(missing.Message)}[/]");
            exitCode = 3;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine($"[red]The platform did not start: {Markup.Escape(exception.Message)}[/]");
            exitCode = 1;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C while starting.
        }

        AnsiConsole.MarkupLine("Stopping…");
        await platform.StopAsync();
        if (logFolder is null || exitCode != 0)
        {
            AnsiConsole.Write(StatusTable.Render(platform, options, logFolder));
        }

        AnsiConsole.MarkupLine("Stopped.");
        return exitCode;
    }
}
