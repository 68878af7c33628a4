namespace Concordat.Contracts.Cycle;

/// <summary>
/// A meeting's agenda was published: from now the meeting and its agenda are public. Subject: <c>meetings/{meetingId}</c>.
/// </summary>
[EventType("org.concordat.cycle.agenda.published.v1")]
public sealed record AgendaPublished : IntegrationEvent
{
    public required Guid MeetingId { get; init; }

    public required IReadOnlyList<Guid> BodyIds { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required string Place { get; init; }

    /// <summary>The business, in agenda order.</summary>
    public required IReadOnlyList<AgendaPublishedItem> Items { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>Who published it, as the caller's token named them.</summary>
    public required string PublishedBy { get; init; }
}

/// <summary>One item of a published agenda.</summary>
public sealed record AgendaPublishedItem
{
    /// <summary><c>issue</c>, <c>proposal</c>, <c>referral_responses</c> or <c>other_business</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The issue the item is about, when it names one.</summary>
    public Guid? IssueId { get; init; }

    /// <summary>The proposal a <c>proposal</c> item puts to the meeting; added in place, optional.</summary>
    public Guid? ProposalId { get; init; }

    public required string Title { get; init; }
}
