using System.Threading.Channels;
using Concordat.Subscriptions.Data;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>A delivery's attempt that an endpoint answered with a 2xx.</summary>
public sealed record SucceededAttempt(Guid DeliveryId, DateTimeOffset AttemptedAt, int DurationMs, int StatusCode, string? ResponseBody);

/// <summary>
/// Records successful attempts in batches: whatever has succeeded while the last batch was written goes in one
/// statement (the deliveries marked succeeded and their log rows), and their endpoints are healthy again. Failures
/// are recorded one by one (<see cref="DeliveryAttempter"/>), since each may schedule a retry, disable an endpoint or
/// publish an event. A success not yet written keeps its lease, so no replica sends it again unless this one dies
/// first, when its lease lapses and it is sent again (with the same <c>webhook-id</c>).
/// </summary>
public sealed partial class AttemptLog(IServiceScopeFactory scopes, ILogger<AttemptLog> logger) : BackgroundService
{
    private const int Batch = 1000;

    private readonly Channel<SucceededAttempt> _succeeded = Channel.CreateUnbounded<SucceededAttempt>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(SucceededAttempt attempt) => _succeeded.Writer.TryWrite(attempt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _succeeded.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what has succeeded is still written.
            await WriteAvailableAsync();
        }
    }

    private async Task WriteAvailableAsync()
    {
        var batch = new List<SucceededAttempt>();
        while (batch.Count < Batch && _succeeded.Reader.TryRead(out var attempt))
        {
            batch.Add(attempt);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
            var ids = batch.Select(a => a.DeliveryId).ToArray();
            var attemptIds = batch.Select(a => Guid.CreateVersion7(a.AttemptedAt)).ToArray();
            var at = batch.Select(a => a.AttemptedAt).ToArray();
            var durations = batch.Select(a => a.DurationMs).ToArray();
            var statuses = batch.Select(a => a.StatusCode).ToArray();
            var bodies = batch.Select(a => a.ResponseBody).ToArray();
            // The attempt is recorded by the CTE's update and insert at once; the endpoint's failures are forgotten.
            await db.Database.ExecuteSqlAsync($"""
                WITH done AS (
                    UPDATE deliveries d
                    SET state = 'Succeeded', attempts = d.attempts + 1, last_attempt_at = u.at, last_status_code = u.status,
                        next_attempt_at = NULL, leased_until = NULL
                    FROM unnest({ids}, {at}, {statuses}) AS u(id, at, status)
                    WHERE d.id = u.id AND d.state = 'Pending'
                    RETURNING d.id, d.endpoint_id, d.attempts),
                logged AS (
                    INSERT INTO delivery_attempts (id, delivery_id, endpoint_id, number, attempted_at, duration_ms, status_code, outcome, response_body)
                    SELECT u.attempt_id, done.id, done.endpoint_id, done.attempts, u.at, u.duration, u.status, 'succeeded', u.body
                    FROM done JOIN unnest({ids}, {attemptIds}, {at}, {durations}, {statuses}, {bodies}) AS u(id, attempt_id, at, duration, status, body) ON u.id = done.id
                    RETURNING endpoint_id)
                UPDATE endpoints SET failing_since = NULL, marked_failing_at = NULL
                WHERE id IN (SELECT endpoint_id FROM logged) AND (failing_since IS NOT NULL OR marked_failing_at IS NOT NULL)
                """, CancellationToken.None);
        }
        catch (Exception ex)
        {
            WriteFailed(logger, batch.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} successful attempts could not be recorded; their leases will lapse and they will be sent again")]
    private static partial void WriteFailed(ILogger logger, int count, Exception exception);
}
