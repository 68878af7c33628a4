using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// AMQP feeds on the real broker: a partner's credentials read its own queue, which receives what its types and filters
/// match and nothing else, and are refused (ACCESS_REFUSED) on another partner's queue; rotation and deletion take effect
/// on the broker.
/// </summary>
public sealed class FeedTests(SubscriptionsFactory service) : IClassFixture<SubscriptionsFactory>
{
    private sealed record Feed(Guid Id, string Address, string Queue, string UserName, string Password);

    private async Task<Feed> CreateAsync(Guid organisation, object request)
    {
        using var response = await service.Partner(organisation).PostAsJsonAsync("/api/subscriptions/feeds", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        var feed = json.GetProperty("feed");
        return new Feed(feed.GetProperty("id").GetGuid(), feed.GetProperty("address").GetString()!, feed.GetProperty("queue").GetString()!,
            feed.GetProperty("userName").GetString()!, json.GetProperty("password").GetString()!);
    }

    private static Task<IConnection> ConnectAsync(Feed feed, string? password = null) =>
        new ConnectionFactory { Uri = new Uri(feed.Address), UserName = feed.UserName, Password = password ?? feed.Password, AutomaticRecoveryEnabled = false }
            .CreateConnectionAsync();

    /// <summary>What arrives on <paramref name="feed"/>'s queue (read as its user) until <paramref name="quiet"/> passes with nothing new after at least <paramref name="count"/>.</summary>
    private static async Task<List<(string ContentType, string MessageId, JsonElement CloudEvent)>> ReadAsync(Feed feed, int count, TimeSpan quiet)
    {
        var received = new List<(string, string, JsonElement)>();
        await using var connection = await ConnectAsync(feed);
        await using var channel = await connection.CreateChannelAsync();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // The body is the client's buffer only during the handler.
            var json = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.Clone();
            lock (received)
            {
                received.Add((delivery.BasicProperties.ContentType ?? "", delivery.BasicProperties.MessageId ?? "", json));
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(feed.Queue, autoAck: true, consumer);
        await Eventually.HoldsAsync(() => Task.FromResult(received.Count >= count), TimeSpan.FromSeconds(15), $"{count} messages on {feed.Queue}");
        await Task.Delay(quiet);
        lock (received)
        {
            return [.. received];
        }
    }

    private Task WaitPublishedAsync(Guid eventId) => Eventually.HoldsAsync(
        () => service.InDatabaseAsync(db => db.Events.AnyAsync(e => e.Id == eventId && e.FeedPublishedAt != null)), TimeSpan.FromSeconds(15), $"event {eventId} published to the feeds");

    [Fact]
    public async Task A_partner_reads_its_own_queue_what_matches_and_is_refused_on_another_partners_queue()
    {
        var body = Guid.CreateVersion7();
        // Filtered by body: the service routes to it. Bound by type only: the topic exchange routes to it.
        var mine = await CreateAsync(Guid.CreateVersion7(), new { eventTypes = new[] { "org.concordat.cycle.decision.published.v1" }, bodyIds = new[] { body } });
        var theirs = await CreateAsync(Guid.CreateVersion7(), new { eventTypes = new[] { "org.concordat.cycle.*" } });
        var otherType = Events.Issue(body, Guid.CreateVersion7(), "truancy");
        var otherBody = Events.Decision(Guid.CreateVersion7());
        var matching = Events.Decision(body);

        await service.PublishAsync(otherType);
        await service.PublishAsync(otherBody);
        await WaitPublishedAsync(otherType.EventId);
        await WaitPublishedAsync(otherBody.EventId);
        await service.PublishAsync(matching);

        var got = await ReadAsync(mine, 1, TimeSpan.FromSeconds(1));
        var (contentType, messageId, cloudEvent) = Assert.Single(got);
        Assert.Equal("application/cloudevents+json", contentType);
        Assert.Equal(matching.EventId.ToString(), messageId);
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("org.concordat.cycle.decision.published.v1", cloudEvent.GetProperty("type").GetString());
        Assert.Equal(matching.DecisionId, cloudEvent.GetProperty("data").GetProperty("decisionId").GetGuid());
        Assert.False(cloudEvent.GetProperty("data").TryGetProperty("publishedBy", out _));

        var theirsGot = await ReadAsync(theirs, 3, TimeSpan.FromMilliseconds(300));
        Assert.Equal(new[] { otherType.EventId, otherBody.EventId, matching.EventId }.Select(id => id.ToString()).Order(), theirsGot.Select(m => m.MessageId).Order());

        await using var connection = await ConnectAsync(mine);
        await using var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicConsumeAsync(theirs.Queue, autoAck: true, new AsyncEventingBasicConsumer(channel)));
        Assert.Equal((ushort)403, refused.ShutdownReason?.ReplyCode);
        Assert.Contains("ACCESS_REFUSED", refused.ShutdownReason?.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partners_user_may_not_publish_nor_declare()
    {
        var feed = await CreateAsync(Guid.CreateVersion7(), new { eventTypes = new[] { "org.concordat.scrutiny.*" } });

        await using var connection = await ConnectAsync(feed);
        await using var declaring = await connection.CreateChannelAsync();
        var declare = await Assert.ThrowsAsync<OperationInterruptedException>(() => declaring.QueueDeclareAsync("partner-made", durable: false, exclusive: false, autoDelete: true));
        Assert.Equal((ushort)403, declare.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task Rotation_refuses_the_old_password_and_deletion_removes_the_user_and_the_queue()
    {
        var organisation = Guid.CreateVersion7();
        var partner = service.Partner(organisation);
        var feed = await CreateAsync(organisation, new { eventTypes = new[] { "org.concordat.cycle.*" } });

        using var rotation = await partner.PostAsJsonAsync($"/api/subscriptions/feeds/{feed.Id}/password-rotation", new { });
        var rotated = JsonDocument.Parse(await rotation.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString()!;
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => ConnectAsync(feed));
        await (await ConnectAsync(feed, rotated)).DisposeAsync();
        Assert.DoesNotContain(rotated, await partner.GetStringAsync($"/api/subscriptions/feeds/{feed.Id}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await partner.DeleteAsync($"/api/subscriptions/feeds/{feed.Id}")).StatusCode);

        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => ConnectAsync(feed, rotated));
        using var management = new RabbitMqManagement(TestServers.RabbitMqManagement);
        Assert.Null(await management.QueueDepthAsync(service.VirtualHost, feed.Queue));
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/subscriptions/feeds/{feed.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_feed_with_an_unknown_type_is_refused_and_nothing_is_made_on_the_broker()
    {
        var organisation = Guid.CreateVersion7();
        using var response = await service.Partner(organisation).PostAsJsonAsync("/api/subscriptions/feeds", new { eventTypes = new[] { "org.concordat.registry.membership.started.v1" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("eventTypes[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await service.InDatabaseAsync(db => db.Feeds.Where(f => f.OrganisationId == organisation).ToListAsync()));
    }
}
