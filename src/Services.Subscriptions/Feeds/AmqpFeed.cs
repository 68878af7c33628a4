using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Subscriptions.Feeds;

/// <summary>
/// A partner organisation's AMQP feed: a queue of its own on the platform's broker, bound to the public events exchange
/// for its event types, read by a RabbitMQ user of its own that may read that queue and nothing else. The queue and the
/// user are made and removed through the broker's management API (<see cref="PartnerBroker"/>); the user's password is
/// kept only encrypted, so the service can provision it again on another broker.
/// </summary>
public sealed class AmqpFeed : ISubscriptionFilter
{
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public string? Description { get; set; }

    public List<string> EventTypes { get; set; } = [];

    public List<Guid> BodyIds { get; set; } = [];

    public List<Guid> AreaIds { get; set; } = [];

    public List<string> Themes { get; set; } = [];

    /// <summary>The partner's queue: <c>concordat.partner.{id}</c>.</summary>
    public string Queue { get; set; } = "";

    /// <summary>The partner's RabbitMQ user: <c>partner-{id}</c>.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The user's password, encrypted by Data Protection.</summary>
    public string ProtectedPassword { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PasswordRotatedAt { get; set; }

    /// <summary>
    /// Whether it filters by body, area or theme. Those cannot be bindings (an event is about several bodies, areas and
    /// themes, and a routing key holds one value per word), so the service matches them and routes the event to the queue by name.
    /// </summary>
    public bool FiltersBeyondType => BodyIds.Count > 0 || AreaIds.Count > 0 || Themes.Count > 0;

    public static string QueueOf(Guid id) => $"concordat.partner.{id:N}";

    public static string UserOf(Guid id) => $"partner-{id:N}";

    /// <summary>The topic exchange's binding key for a subscribed type: the type itself, or <c>org.concordat.cycle.#</c> for a service's wildcard.</summary>
    public static string BindingKey(string subscribed) =>
        subscribed.EndsWith(".*", StringComparison.Ordinal) ? subscribed[..^1] + "#" : subscribed;
}

internal sealed class AmqpFeedConfiguration : IEntityTypeConfiguration<AmqpFeed>
{
    public void Configure(EntityTypeBuilder<AmqpFeed> feed)
    {
        feed.ToTable("amqp_feeds");
        feed.Property(f => f.Id).ValueGeneratedNever();
        feed.Property(f => f.Description).HasMaxLength(AmqpFeed.DescriptionMaxLength);
        feed.Property(f => f.Queue).HasMaxLength(100);
        feed.Property(f => f.UserName).HasMaxLength(100);
        feed.Ignore(f => f.FiltersBeyondType);
        feed.HasIndex(f => f.OrganisationId);
    }
}
