using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Subscriptions.FanOut;

/// <summary>
/// One public event heard, in its public form (<see cref="PublicEvents.Data"/>): the CloudEvents attributes, the data partners
/// receive, and what endpoints filter on. Kept so a delivery carries the same body on every attempt and a replay can
/// resend it.
/// </summary>
public sealed class PublicEvent
{
    /// <summary>The integration event's id: the CloudEvents <c>id</c>.</summary>
    public Guid Id { get; set; }

    public string Type { get; set; } = "";

    public string Source { get; set; } = "";

    public string Subject { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The CloudEvents <c>data</c>: the event's public members as JSON.</summary>
    public string Data { get; set; } = "{}";

    public List<Guid> BodyIds { get; set; } = [];

    public List<Guid> AreaIds { get; set; } = [];

    public List<string> Themes { get; set; } = [];

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When it was published to the AMQP feeds' exchange; null until then (the feed publisher's outbox).</summary>
    public DateTimeOffset? FeedPublishedAt { get; set; }
}

/// <summary>An issue's areas and themes, as raised.</summary>
public sealed class KnownIssue
{
    public Guid Id { get; set; }

    public List<Guid> AreaIds { get; set; } = [];

    public List<string> Themes { get; set; } = [];
}

/// <summary>A published decision's issue.</summary>
public sealed class KnownDecision
{
    public Guid Id { get; set; }

    public Guid IssueId { get; set; }
}

internal sealed class PublicEventConfiguration : IEntityTypeConfiguration<PublicEvent>
{
    public void Configure(EntityTypeBuilder<PublicEvent> publicEvent)
    {
        publicEvent.ToTable("events");
        publicEvent.Property(e => e.Id).ValueGeneratedNever();
        publicEvent.Property(e => e.Type).HasMaxLength(200);
        publicEvent.Property(e => e.Source).HasMaxLength(500);
        publicEvent.Property(e => e.Subject).HasMaxLength(500);
        publicEvent.Property(e => e.Data).HasColumnType("jsonb");
        publicEvent.HasIndex(e => e.OccurredAt);
        publicEvent.HasIndex(e => e.ReceivedAt, "ix_events_feed_pending").HasFilter("feed_published_at IS NULL");
        publicEvent.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class KnownIssueConfiguration : IEntityTypeConfiguration<KnownIssue>
{
    public void Configure(EntityTypeBuilder<KnownIssue> issue)
    {
        issue.ToTable("known_issues");
        issue.Property(i => i.Id).ValueGeneratedNever();
    }
}

internal sealed class KnownDecisionConfiguration : IEntityTypeConfiguration<KnownDecision>
{
    public void Configure(EntityTypeBuilder<KnownDecision> decision)
    {
        decision.ToTable("known_decisions");
        decision.Property(d => d.Id).ValueGeneratedNever();
    }
}
