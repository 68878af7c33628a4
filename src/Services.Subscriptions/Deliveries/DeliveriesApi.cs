using System.Security.Claims;
using Concordat.ServiceDefaults.Access;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Deliveries;

public static class DeliveriesApi
{
    public const int MaxReplay = 10_000;

    /// <summary>Maps an endpoint's delivery log, redelivery of one message, and replay of a range of events.</summary>
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/subscriptions/endpoints/{id:guid}").WithTags("Deliveries").RequireRoles(SubscriptionsAccess.ManageEndpoints);
        deliveries.MapGet("/deliveries", ListDeliveries).WithName(nameof(ListDeliveries)).ProducesProblem(404)
            .WithSummary("The endpoint's deliveries, newest first, each with its attempts: status, duration, response code and at most 1 KB of the answer.");
        deliveries.MapPost("/deliveries/{deliveryId:guid}/redelivery", Redeliver).WithName(nameof(Redeliver)).ProducesProblem(404)
            .WithSummary("Sends one message again, from the first attempt of the schedule, with the same webhook-id.");
        deliveries.MapPost("/replay", Replay).WithName(nameof(Replay)).ProducesProblem(404)
            .WithSummary("Sends again every event the endpoint subscribes to that happened from 'since' (and before 'until', if given): after an outage.");
        return app;
    }

    public static async Task<Results<Ok<List<DeliveryResponse>>, NotFound, ValidationProblem>> ListDeliveries(
        Guid id, SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken, int? limit = null)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 500."] });
        }

        if (!await db.Endpoints.Visible(user).AnyAsync(e => e.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var deliveries = await db.Deliveries.AsNoTracking().Include(d => d.Event).Where(d => d.EndpointId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit ?? 100).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Attempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.AttemptedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return TypedResults.Ok(deliveries.Select(d => new DeliveryResponse(
            d.Id, d.EventId, d.Event!.Type, d.Event.Subject, d.Event.OccurredAt, d.State, d.Attempts, d.NextAttemptAt, d.CreatedAt,
            [.. attempts[d.Id].Select(a => new AttemptResponse(a.Number, a.AttemptedAt, a.DurationMs, a.StatusCode, a.Outcome, a.ResponseBody, a.Error))]))
            .ToList());
    }

    public static async Task<Results<Accepted<ReplayResponse>, NotFound>> Redeliver(
        Guid id, Guid deliveryId, SubscriptionsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await db.Endpoints.Visible(user).AnyAsync(e => e.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }

        delivery.Redeliver(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/subscriptions/endpoints/{id}/deliveries", new ReplayResponse(1));
    }

    /// <summary>
    /// Redelivers what the endpoint already had in the range, and creates deliveries for matching events it never had
    /// (heard while it was disabled, or before it subscribed). At most <see cref="MaxReplay"/> events at once.
    /// </summary>
    public static async Task<Results<Accepted<ReplayResponse>, NotFound, ValidationProblem>> Replay(
        Guid id, ReplayRequest request, SubscriptionsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request.Since is not { } since)
        {
            errors["since"] = ["Give the time to replay from (UTC)."];
        }
        else if (since > now)
        {
            errors["since"] = ["The time is in the future."];
        }

        if (request.Until is { } until && request.Since is { } from && until <= from)
        {
            errors["until"] = ["Must be after since."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var endpoint = await db.Endpoints.Visible(user).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return TypedResults.NotFound();
        }

        var end = request.Until ?? DateTimeOffset.MaxValue;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var events = await db.Events.AsNoTracking().Where(e => e.OccurredAt >= request.Since && e.OccurredAt < end)
            .OrderBy(e => e.OccurredAt).Take(MaxReplay).ToListAsync(cancellationToken);
        var matching = events.Where(e => EventFilter.Matches(endpoint, e)).Select(e => e.Id).ToList();
        var existing = await db.Deliveries.Where(d => d.EndpointId == id && matching.Contains(d.EventId)).ToListAsync(cancellationToken);
        foreach (var delivery in existing)
        {
            delivery.Redeliver(now);
        }

        foreach (var eventId in matching.Except(existing.Select(d => d.EventId)))
        {
            db.Deliveries.Add(Delivery.Of(id, eventId, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/subscriptions/endpoints/{id}/deliveries", new ReplayResponse(matching.Count));
    }
}

/// <summary>Replay the events that happened from <c>since</c>, and before <c>until</c> if given.</summary>
public sealed record ReplayRequest(DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>How many messages will be sent again.</summary>
public sealed record ReplayResponse(int Messages);

public sealed record DeliveryResponse(
    Guid Id, Guid EventId, string EventType, string Subject, DateTimeOffset OccurredAt, DeliveryState State, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt, IReadOnlyList<AttemptResponse> AttemptLog);

public sealed record AttemptResponse(int Number, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string Outcome, string? ResponseBody, string? Error);
