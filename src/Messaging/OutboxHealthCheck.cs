using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Concordat.Messaging;

/// <summary>Outbox settings, from the <c>Messaging:Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>The ready check reports Degraded when the oldest unpublished event is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long published outbox rows and inbox records are kept before the relay removes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Part of <c>/health/ready</c>: Degraded (still serving) when events wait too long in the outbox, which
/// means the broker is away or the relay is stuck — an operator should look, Kubernetes should not restart.
/// </summary>
internal sealed class OutboxHealthCheck(MessagingTelemetry telemetry, IOptions<OutboxOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (pending, oldest) = telemetry.Backlog;
        var data = new Dictionary<string, object> { ["pending"] = pending, ["oldestPendingSeconds"] = Math.Round(oldest.TotalSeconds, 1) };
        return Task.FromResult(oldest > options.Value.DegradedAfter
            ? HealthCheckResult.Degraded($"{pending} events waiting; the oldest for {oldest.TotalSeconds:0} s", data: data)
            : HealthCheckResult.Healthy($"{pending} events waiting", data));
    }
}
