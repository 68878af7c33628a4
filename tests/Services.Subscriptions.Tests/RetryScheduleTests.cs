using Concordat.Contracts.Subscriptions;
using Concordat.Messaging;
using Concordat.Subscriptions.Deliveries;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Tests;

/// <summary>Standard Webhooks' schedule on the test clock, on a service of its own: it moves the clock three days.</summary>
public sealed class RetryScheduleTests(DeliveryScene scene) : IClassFixture<DeliveryScene>
{
    private SubscriptionsFactory Service => scene.Service;

    private Receiver Receiver => scene.Receiver;

    [Fact]
    public void The_schedule_is_Standard_Webhooks_with_bounded_jitter()
    {
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(10, RetrySchedule.MaxAttempts);
        Assert.Equal(now + TimeSpan.FromSeconds(5), RetrySchedule.NextAttempt(1, now, null, 0, 0.1));
        Assert.Equal(now + TimeSpan.FromMinutes(5.5), RetrySchedule.NextAttempt(2, now, null, 1, 0.1));
        Assert.Equal(now + TimeSpan.FromHours(24 * 0.9), RetrySchedule.NextAttempt(9, now, null, -1, 0.1));
        Assert.Null(RetrySchedule.NextAttempt(10, now, null, 0, 0.1));
        Assert.Equal(now + TimeSpan.FromSeconds(120), RetrySchedule.NextAttempt(1, now, TimeSpan.FromSeconds(120), 1, 0.1));
    }

    [Fact]
    public void An_endpoint_failing_for_five_days_is_disabled()
    {
        var endpoint = new Endpoints.WebhookEndpoint { State = Endpoints.EndpointState.Active };
        var first = DateTimeOffset.UnixEpoch;

        Assert.False(endpoint.Failed(first));
        Assert.False(endpoint.Failed(first.AddDays(4.9)));
        Assert.True(endpoint.Failed(first.AddDays(5)));
        Assert.Equal(Endpoints.EndpointState.Disabled, endpoint.State);
        Assert.Equal(EndpointDisabled.FailingTooLong, endpoint.DisabledReason);
    }

    private Task<IReadOnlyList<Received>> ReceivedAsync(string path, int count, double seconds = 15) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Receiver.At(path) is { } got && got.Count >= count ? got : null), TimeSpan.FromSeconds(seconds), $"{count} deliveries at {path}");

    private async Task<Delivery> DeliveryAsync(Guid endpoint) =>
        await Service.InDatabaseAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.EndpointId == endpoint));

    [Fact]
    public async Task The_retry_schedule_runs_on_the_clock_with_the_same_webhook_id_and_ends_with_the_endpoint_failing()
    {
        var body = Guid.CreateVersion7();
        var path = body.ToString("N");
        var (id, _) = await SubscriptionsFactory.RegisterAsync(Service.Partner(scene.Organisation), new
        {
            url = Receiver.Url(path, new Answer(500)),
            eventTypes = new[] { "org.concordat.cycle.*" },
            bodyIds = new[] { body },
        });
        await Service.PublishAsync(Events.Decision(body));
        await ReceivedAsync(path, 1);

        for (var attempt = 1; attempt < RetrySchedule.MaxAttempts; attempt++)
        {
            // The receiver has the request before the service has recorded the answer: wait for that before moving the clock.
            await Eventually.HoldsAsync(async () => (await DeliveryAsync(id)).Attempts == attempt);
            // Just short of the earliest the jitter allows: nothing yet.
            Service.Clock.Advance(RetrySchedule.Delays[attempt] * 0.85);
            await Task.Delay(300);
            Assert.Equal(attempt, Receiver.At(path).Count);

            Service.Clock.Advance(RetrySchedule.Delays[attempt] * 0.3);
            await ReceivedAsync(path, attempt + 1);
        }

        var attempts = Receiver.At(path);
        Assert.Single(attempts.Select(a => a.Headers["webhook-id"]).Distinct());
        var delivery = await Eventually.ReturnsAsync(async () => await DeliveryAsync(id) is { State: DeliveryState.Failed } failed ? failed : null);
        Assert.Equal(RetrySchedule.MaxAttempts, delivery.Attempts);
        var endpoint = await Service.InDatabaseAsync(db => db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.NotNull(endpoint.MarkedFailingAt);
        Assert.True(await Service.InDatabaseAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageType == typeof(EndpointFailing).FullName && m.Subject == $"endpoints/{id}")));
    }
}
