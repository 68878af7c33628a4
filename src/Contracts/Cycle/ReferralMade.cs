namespace Concordat.Contracts.Cycle;

/// <summary>An issue's holder asked bodies to consider it and report back by a date.</summary>
[EventType("org.concordat.cycle.referral.made.v1")]
public sealed record ReferralMade : IntegrationEvent
{
    public required Guid ReferralId { get; init; }

    public required Guid IssueId { get; init; }

    /// <summary>The holder that referred it.</summary>
    public required Guid ReferredByBodyId { get; init; }

    /// <summary>The bodies asked, as resolved when the referral was made.</summary>
    public required IReadOnlyList<Guid> Bodies { get; init; }

    /// <summary>The body that pulls the responses together, if one was named.</summary>
    public Guid? SynthesisedByBodyId { get; init; }

    public required DateOnly DueOn { get; init; }

    public required string MadeBy { get; init; }
}
