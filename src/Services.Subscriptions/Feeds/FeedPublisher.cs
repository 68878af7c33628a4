using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.FanOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Concordat.Subscriptions.Feeds;

/// <summary>Wakes the feed publisher when a commit may have recorded events.</summary>
public sealed class FeedSignal : WakeSignal;

/// <summary>
/// Publishes each public event heard to the feeds' exchanges, from the event log as from an outbox: events not yet
/// published are taken (<c>FOR UPDATE SKIP LOCKED</c>, so replicas share them), published with publisher confirms, and
/// marked in the same transaction. The message is the CloudEvents structured JSON document a webhook receives, with
/// its id as the AMQP <c>message-id</c> and its type as <c>type</c> and routing key. A crash between the broker's
/// confirm and the commit publishes an event again, so feeds are at least once: a partner drops repeats by <c>id</c>.
/// </summary>
public sealed partial class FeedPublisher(
    IServiceScopeFactory scopes, FeedSignal signal, PartnerBroker broker, IConfiguration configuration, TimeProvider time,
    IOptionsMonitor<SubscriptionsOptions> options, ILogger<FeedPublisher> logger) : BackgroundService
{
    private const int Batch = 200;

    private IConnection? _connection;
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishPendingAsync(stoppingToken) == Batch)
                {
                }

                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                PublishFailed(logger, ex);
                await CloseAsync();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await CloseAsync();
    }

    /// <summary>Publishes one batch of pending events; how many there were.</summary>
    internal async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        var now = time.GetUtcNow();
        if (!broker.IsConfigured)
        {
            // No feeds on this instance: nothing to publish, and no backlog for the day they are configured.
            await db.Events.Where(e => e.FeedPublishedAt == null).ExecuteUpdateAsync(e => e.SetProperty(x => x.FeedPublishedAt, now), cancellationToken);
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pending = await db.Events
            .FromSql($"SELECT * FROM events WHERE feed_published_at IS NULL ORDER BY received_at, id LIMIT {Batch} FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var routed = (await db.Feeds.AsNoTracking().ToListAsync(cancellationToken)).Where(f => f.FiltersBeyondType).ToList();
        var channel = await ChannelAsync(cancellationToken);
        var amqp = options.CurrentValue.Amqp;
        foreach (var heard in pending)
        {
            var body = WebhookMessage.Body(heard);
            var properties = new BasicProperties
            {
                ContentType = WebhookMessage.MediaType,
                MessageId = heard.Id.ToString(),
                Type = heard.Type,
                Timestamp = new AmqpTimestamp(heard.OccurredAt.ToUnixTimeSeconds()),
                DeliveryMode = DeliveryModes.Persistent,
            };
            await channel.BasicPublishAsync(amqp.Exchange, heard.Type, mandatory: false, properties, body, cancellationToken);
            foreach (var feed in routed.Where(f => EventFilter.Matches(f, heard)))
            {
                await channel.BasicPublishAsync(amqp.FilteredExchange, feed.Queue, mandatory: false, properties, body, cancellationToken);
            }
        }

        var ids = pending.Select(e => e.Id).ToList();
        await db.Events.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(e => e.SetProperty(x => x.FeedPublishedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await CloseAsync();
        await broker.EnsureExchangesAsync(cancellationToken);
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString(ResourceNames.Messaging)!),
            ClientProvidedName = "subscriptions-feeds",
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        // With tracking, each publish returns when the broker has confirmed it (and throws if it refused it).
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return _channel;
    }

    private async Task CloseAsync()
    {
        try
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already broken: nothing to close politely.
        }
        finally
        {
            _channel = null;
            _connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing events to the AMQP feeds failed; trying again")]
    private static partial void PublishFailed(ILogger logger, Exception exception);
}
