using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Concordat.Messaging;

/// <summary>
/// Brings messaging back the moment the broker returns from an outage, however long it was away.
/// </summary>
/// <remarks>
/// MassTransit 8 reconnects a receive endpoint, and retries a publish, on a fixed exponential schedule
/// (3 s doubling to 30 s, not configurable), so after a long outage a consumer could sit idle for up to
/// half a minute with the broker already back. While an endpoint is faulted or a publish has failed, this
/// asks the broker every second whether it answers (an AMQP connection opened and closed); when it does,
/// it restarts the faulted endpoints at once and cancels <see cref="Returned"/>, which the outbox relay
/// uses to give up a publish that is waiting out MassTransit's schedule and try again straight away.
/// </remarks>
public sealed partial class BrokerReconnector(Uri broker, ILogger<BrokerReconnector> logger) : BackgroundService, IReceiveEndpointObserver
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(10);

    // An endpoint that faults again soon after a restart (the broker answers, but something else is wrong,
    // such as a queue declared with other arguments) is left to MassTransit's own schedule for a while,
    // rather than restarted, and the broker asked, every second.
    private static readonly TimeSpan RestartGap = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Uri, DateTimeOffset> _restartedAt = new();

    private readonly ConcurrentDictionary<Uri, IReceiveEndpoint> _faulted = new();
    private CancellationTokenSource _returned = new();
    private volatile bool _publishFailed;

    /// <summary>Cancelled when the broker is found answering after a reported publish failure or a faulted endpoint.</summary>
    public CancellationToken Returned => Volatile.Read(ref _returned).Token;

    /// <summary>A publish failed: look for the broker's return (the relay then waits on <see cref="Returned"/>).</summary>
    public void PublishFailed() => _publishFailed = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ProbeInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if ((!_faulted.Keys.Any(IsDue) && !_publishFailed) || !await AnswersAsync(stoppingToken))
            {
                continue;
            }

            _publishFailed = false;
            // Not disposed: the relay may still hold its token, and a cancelled source keeps nothing alive.
            await Interlocked.Exchange(ref _returned, new CancellationTokenSource()).CancelAsync();

            foreach (var (address, endpoint) in _faulted)
            {
                if (IsDue(address) && _faulted.TryRemove(address, out _))
                {
                    _restartedAt[address] = DateTimeOffset.UtcNow;
                    await RestartAsync(address, endpoint, stoppingToken);
                }
            }
        }
    }

    private bool IsDue(Uri address) =>
        !_restartedAt.TryGetValue(address, out var restartedAt) || DateTimeOffset.UtcNow - restartedAt >= RestartGap;

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "broker reconnector", RequestedConnectionTimeout = ProbeInterval };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await connection.CloseAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RestartAsync(Uri address, IReceiveEndpoint endpoint, CancellationToken stoppingToken)
    {
        // Stopping ends MassTransit's wait before its next attempt; starting connects now, with a fresh schedule.
        LogRestarting(logger, address);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(RestartTimeout);
            await endpoint.Stop(timeout.Token);
            endpoint.Start(stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // MassTransit's own schedule still runs; the next fault brings the endpoint back here.
            LogRestartFailed(logger, exception, address);
        }
    }

    public override void Dispose()
    {
        _returned.Dispose();
        base.Dispose();
    }

    Task IReceiveEndpointObserver.Faulted(ReceiveEndpointFaulted faulted)
    {
        _faulted[faulted.InputAddress] = faulted.ReceiveEndpoint;
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Ready(ReceiveEndpointReady ready)
    {
        _faulted.TryRemove(ready.InputAddress, out _);
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Stopping(ReceiveEndpointStopping stopping)
    {
        // Stopped on purpose (the service is shutting down, or this restarts it): not for restarting here.
        _faulted.TryRemove(stopping.InputAddress, out _);
        return Task.CompletedTask;
    }

    Task IReceiveEndpointObserver.Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The broker answers again; restarting receive endpoint {Address}")]
    private static partial void LogRestarting(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not restart receive endpoint {Address}")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, Uri address);
}
