namespace Concordat.Contracts.Cycle;

/// <summary>
/// An authorising body's decision on an issue was published: what partners subscribe to. Until <see cref="CallInEndsAt"/>
/// scrutiny may call it in; an urgent decision has no window (<see cref="CallInEndsAt"/> null) and takes effect at once.
/// Subject: <c>decisions/{decisionId}</c>.
/// </summary>
[EventType("org.concordat.cycle.decision.published.v1")]
public sealed record DecisionPublished : IntegrationEvent
{
    public required Guid DecisionId { get; init; }

    public required Guid IssueId { get; init; }

    /// <summary>The authorising body that took it.</summary>
    public required Guid BodyId { get; init; }

    /// <summary><c>approved</c>, <c>approved_with_amendments</c>, <c>rejected</c>, <c>deferred</c> or <c>referred_back</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>What was decided, as published.</summary>
    public required string Summary { get; init; }

    public string? Conditions { get; init; }

    /// <summary>What each partner organisation commits: an amount in GBP, or what it gives in kind.</summary>
    public required IReadOnlyList<DecisionAllocation> Allocations { get; init; }

    /// <summary>The meeting that took it, as the clerk named it, or as the cycle describes the recorded meeting (<see cref="MeetingId"/>); null when urgent.</summary>
    public string? Meeting { get; init; }

    /// <summary>The day of that meeting (UK), when given.</summary>
    public DateOnly? MeetingOn { get; init; }

    /// <summary>The recorded meeting of the deciding body that took it (<c>meetings/{meetingId}</c>), when the clerk named one; added in place, optional.</summary>
    public Guid? MeetingId { get; init; }

    /// <summary>The proposal it decides (<c>/api/cycle/proposals/{proposalId}</c>), when it names one; added in place, optional.</summary>
    public Guid? ProposalId { get; init; }

    /// <summary>Taken outside a meeting as urgent: exempt from call-in, in effect on publication.</summary>
    public required bool Urgent { get; init; }

    public string? UrgencyReason { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>When the call-in window closes (the end of the last working day, UK time); null when urgent.</summary>
    public DateTimeOffset? CallInEndsAt { get; init; }

    /// <summary>Where the public reads the decision.</summary>
    public required Uri Url { get; init; }

    /// <summary>Who published it, as the caller's token named them.</summary>
    public required string PublishedBy { get; init; }
}

/// <summary>A partner organisation's commitment under a decision: <see cref="AmountGbp"/> or <see cref="InKind"/>, exactly one.</summary>
public sealed record DecisionAllocation
{
    /// <summary>A registry organisation id.</summary>
    public required Guid OrganisationId { get; init; }

    public decimal? AmountGbp { get; init; }

    /// <summary>What is given in kind (staff time, premises), when not money.</summary>
    public string? InKind { get; init; }
}
