using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.TestHost;

/// <summary>What the notes process prints, one line each, for a test that watches it from outside.</summary>
public static class ProcessLines
{
    private const string Prefix = "notes: ";

    /// <summary>Healthy: database reachable, bus up with the consumer's queue bound.</summary>
    public const string Ready = Prefix + "ready";

    /// <summary>An inbox record and its effect committed (the <c>concordat.inbox.applied</c> counter rose).</summary>
    public const string Applied = Prefix + "concordat.inbox.applied";

    /// <summary>A redelivery found its inbox record and was skipped (the <c>concordat.inbox.duplicates</c> counter rose).</summary>
    public const string Duplicate = Prefix + "concordat.inbox.duplicates";

    /// <summary>The consumers finished with a message; <c>redelivered</c> is the broker's flag.</summary>
    public static string Consumed(Guid? messageId, bool redelivered) => $"{Prefix}consumed {messageId} redelivered={redelivered}";

    public static string Dying(Guid? messageId) => $"{Prefix}committed {messageId}; killing this process before the acknowledgement";

    internal static string Measured(string instrument, long value, string labels) => $"{Prefix}{instrument} +{value}{labels}";
}

/// <summary>Prints <see cref="ProcessLines.Ready"/> once the host's health checks pass.</summary>
internal sealed class ReadyReport(HealthCheckService health) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while ((await health.CheckHealthAsync(stoppingToken)).Status != HealthStatus.Healthy)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken);
        }

        Console.WriteLine(ProcessLines.Ready);
    }
}

/// <summary>Prints <see cref="ProcessLines.Consumed"/> for every message the consumers finished with.</summary>
internal sealed class ConsumeReport : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Console.WriteLine(ProcessLines.Consumed(context.MessageId, context.ReceiveContext.Redelivered));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

/// <summary>
/// Prints a line each time the inbox counters of meter <c>Concordat.Messaging</c> rise, so a test can see a
/// duplicate being skipped from outside the process.
/// </summary>
internal sealed class InboxReport : IDisposable
{
    private readonly MeterListener _listener = new();

    private InboxReport()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.MeterName && instrument.Name.StartsWith("concordat.inbox.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = "";
            foreach (var tag in tags)
            {
                labels += $" {tag.Key}={tag.Value}";
            }

            Console.WriteLine(ProcessLines.Measured(instrument.Name, value, labels));
        });
    }

    /// <summary>Starts listening; call before the bus starts, or a message waiting in the queue may be missed.</summary>
    public static InboxReport Start()
    {
        var report = new InboxReport();
        report._listener.Start();
        return report;
    }

    public void Dispose() => _listener.Dispose();
}
