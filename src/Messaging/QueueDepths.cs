using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Concordat.Messaging;

/// <summary>
/// How many messages wait in this service's queues: each consumer's queue (delivered to the inbox, not yet
/// applied) and its <c>_error</c> queue (given up on after the retries). Measured by <see cref="QueueDepthMonitor"/>.
/// </summary>
public sealed class QueueDepths(IReadOnlyList<string> consumerQueues)
{
    private readonly ConcurrentDictionary<string, long> _depths = new(StringComparer.Ordinal);

    /// <summary>The consumer queues and their error queues, the names an operator sees in RabbitMQ.</summary>
    public IReadOnlyList<string> Queues { get; } = [.. consumerQueues, .. consumerQueues.Select(q => q + "_error")];

    /// <summary>The latest count for each queue that exists (an error queue appears with its first failure).</summary>
    public IReadOnlyDictionary<string, long> Current => _depths;

    /// <summary>Set when a consumer failed, so the monitor looks again at queues it found missing (an error queue may now exist).</summary>
    internal bool ConsumerFailed
    {
        get => _consumerFailed;
        set => _consumerFailed = value;
    }

    private volatile bool _consumerFailed;

    internal void Measured(string queue, long? depth)
    {
        if (depth is { } value)
        {
            _depths[queue] = value;
        }
        else
        {
            _depths.TryRemove(queue, out _);
        }
    }
}

/// <summary>Asks the broker every few seconds how many messages wait in this service's queues.</summary>
internal sealed partial class QueueDepthMonitor(QueueDepths depths, Uri broker, ILogger<QueueDepthMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // A queue that does not exist (an error queue before the first failure) is asked about again only after a
    // consumer in this service failed, or after this long: each passive declare of a missing queue is an error
    // line in the broker's log, which an operator should not have to read past every five seconds.
    private static readonly TimeSpan MissingRecheck = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, DateTimeOffset> _missingAt = new(StringComparer.Ordinal);
    private IConnection? _connection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MeasureAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException or IOException or AlreadyClosedException)
            {
                // The broker is away: the outbox backlog says so; try again next time.
                LogUnmeasured(logger, exception.Message);
            }

            await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        _connection?.Dispose();
        base.Dispose();
    }

    private async Task MeasureAsync(CancellationToken cancellationToken)
    {
        // One connection kept between measurements (opened again only after the broker dropped it), not one every 5 s.
        if (_connection is not { IsOpen: true })
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            _connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "queue depth monitor" }.CreateConnectionAsync(cancellationToken);
        }

        var connection = _connection;
        IChannel? channel = null;
        try
        {
            if (depths.ConsumerFailed)
            {
                depths.ConsumerFailed = false;
                _missingAt.Clear();
            }

            foreach (var queue in depths.Queues)
            {
                if (_missingAt.TryGetValue(queue, out var missingAt) && DateTimeOffset.UtcNow - missingAt < MissingRecheck)
                {
                    continue;
                }

                channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    depths.Measured(queue, (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount);
                    _missingAt.Remove(queue);
                }
                catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
                {
                    // No such queue (yet): the broker closed the channel; the next queue needs a new one.
                    _missingAt[queue] = DateTimeOffset.UtcNow;
                    depths.Measured(queue, null);
                    await channel.DisposeAsync();
                    channel = null;
                }
            }
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue depths not measured: {Reason}")]
    private static partial void LogUnmeasured(ILogger logger, string reason);
}

/// <summary>Tells <see cref="QueueDepths"/> that a consumer failed, so an error queue may have appeared.</summary>
internal sealed class ConsumerFailureNotice(QueueDepths depths) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        depths.ConsumerFailed = true;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Part of <c>/health/ready</c>: the queue depths as data, and Degraded while an error queue holds messages —
/// something an operator must look at (and move back or discard), not a reason to restart the service.
/// </summary>
internal sealed class QueueHealthCheck(QueueDepths depths) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = depths.Current.ToDictionary(d => d.Key, d => (object)d.Value, StringComparer.Ordinal);
        var failed = depths.Current.Where(d => d.Key.EndsWith("_error", StringComparison.Ordinal) && d.Value > 0).ToList();
        return Task.FromResult(failed.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", failed.Select(f => $"{f.Value} messages in {f.Key}")), data: data)
            : HealthCheckResult.Healthy($"{depths.Current.Where(d => !d.Key.EndsWith("_error", StringComparison.Ordinal)).Sum(d => d.Value)} messages waiting", data));
    }
}

internal static class ConsumerQueues
{
    /// <summary>The queue MassTransit gives each consumer registered in <paramref name="services"/>.</summary>
    public static List<string> Named(IEnumerable<Microsoft.Extensions.DependencyInjection.ServiceDescriptor> services, IEndpointNameFormatter formatter)
    {
        var name = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        return services
            .Select(s => s.ImplementationType ?? s.ServiceType)
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)))
            .Distinct()
            .Select(t => (string)name.MakeGenericMethod(t).Invoke(formatter, null)!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
