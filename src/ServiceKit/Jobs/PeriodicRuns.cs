using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Concordat.ServiceKit;

/// <summary>
/// A service's periodic job: the first run a while after start (the database migrated by then), then one every
/// <see cref="Interval"/>, each in its own scope. A run that fails (the database starting or away) is logged and the next
/// tick tries again, so the work itself must leave nothing half done — lock its rows and write each batch in one
/// transaction. No state between runs, so it survives restarts and runs safely on every replica.
/// </summary>
public abstract partial class PeriodicRuns(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long after start the first run waits.</summary>
    protected virtual TimeSpan FirstRunAfter => TimeSpan.FromMinutes(1);

    /// <summary>The time between runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a run does, for the log: "overdue referral reminders".</summary>
    protected abstract string Work { get; }

    /// <summary>One run, in its own scope; how many things it did.</summary>
    protected abstract Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await RunOnceAsync(scope.ServiceProvider, stoppingToken) is > 0 and var done)
                {
                    Done(logger, Work, done);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(logger, Work, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work}: {Count} done")]
    private static partial void Done(ILogger logger, string work, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed; retrying at the next interval")]
    private static partial void Failed(ILogger logger, string work, Exception exception);
}
