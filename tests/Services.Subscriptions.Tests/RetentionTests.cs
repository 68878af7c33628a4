using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.FanOut;
using Concordat.Subscriptions.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Subscriptions.Tests;

/// <summary>The event log and the delivery log are kept 30 days (the default): older events go with their deliveries and attempts, recent ones stay.</summary>
public sealed class RetentionTests(SubscriptionsFactory service) : IClassFixture<SubscriptionsFactory>
{
    [Fact]
    public async Task Events_deliveries_and_attempts_older_than_the_retention_go_and_recent_ones_stay()
    {
        var now = service.Clock.GetUtcNow();
        var endpoint = await EndpointAsync(now);
        var old = await HeardAsync(endpoint, now.AddDays(-31));
        var recent = await HeardAsync(endpoint, now.AddDays(-29));

        await using var scope = service.Services.CreateAsyncScope();
        var purged = await scope.ServiceProvider.GetRequiredService<EventLogRetention>().PurgeAsync(CancellationToken.None);

        Assert.True(purged >= 1);
        Assert.False(await service.InDatabaseAsync(db => db.Events.AnyAsync(e => e.Id == old.Event)));
        Assert.False(await service.InDatabaseAsync(db => db.Deliveries.AnyAsync(d => d.Id == old.Delivery)));
        Assert.False(await service.InDatabaseAsync(db => db.Attempts.AnyAsync(a => a.DeliveryId == old.Delivery)));
        Assert.True(await service.InDatabaseAsync(db => db.Events.AnyAsync(e => e.Id == recent.Event)));
        Assert.True(await service.InDatabaseAsync(db => db.Deliveries.AnyAsync(d => d.Id == recent.Delivery)));
        Assert.True(await service.InDatabaseAsync(db => db.Attempts.AnyAsync(a => a.DeliveryId == recent.Delivery)));
        Assert.True(await service.InDatabaseAsync(db => db.Endpoints.AnyAsync(e => e.Id == endpoint)));
    }

    private async Task<Guid> EndpointAsync(DateTimeOffset now)
    {
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = Guid.CreateVersion7(),
            Url = "http://localhost:9/hook",
            EventTypes = ["org.concordat.cycle.*"],
            State = EndpointState.Paused,
            ProtectedSecret = "not used",
            CreatedAt = now.AddDays(-60),
        };
        await service.InDatabaseAsync(async db =>
        {
            db.Endpoints.Add(endpoint);
            return await db.SaveChangesAsync();
        });
        return endpoint.Id;
    }

    /// <summary>An event heard at <paramref name="at"/>, delivered once to <paramref name="endpoint"/> with one attempt.</summary>
    private async Task<(Guid Event, Guid Delivery)> HeardAsync(Guid endpoint, DateTimeOffset at)
    {
        var heard = new PublicEvent
        {
            Id = Guid.CreateVersion7(at), Type = "org.concordat.cycle.decision.published.v1", Source = "http://glos.test/cycle", Subject = "decisions/x",
            OccurredAt = at, ReceivedAt = at, FeedPublishedAt = at,
        };
        var delivery = Delivery.Of(endpoint, heard.Id, at);
        delivery.State = DeliveryState.Succeeded;
        delivery.Attempts = 1;
        await service.InDatabaseAsync(async db =>
        {
            db.Events.Add(heard);
            db.Deliveries.Add(delivery);
            db.Attempts.Add(new DeliveryAttempt
            {
                Id = Guid.CreateVersion7(at), DeliveryId = delivery.Id, EndpointId = endpoint, Number = 1, AttemptedAt = at, DurationMs = 5, StatusCode = 204, Outcome = "succeeded",
            });
            return await db.SaveChangesAsync();
        });
        return (heard.Id, delivery.Id);
    }
}
