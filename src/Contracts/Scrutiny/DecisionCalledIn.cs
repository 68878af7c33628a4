namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A scrutiny committee called in a published decision before its call-in window closed. The decision stays out of
/// effect, and nothing under it may move to implementation, until a <see cref="CallInResolved"/> for the same call-in.
/// Subject: <c>call-ins/{callInId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.decision.called-in.v1")]
public sealed record DecisionCalledIn : IntegrationEvent
{
    public required Guid CallInId { get; init; }

    /// <summary>The cycle's decision, as its <c>DecisionPublished</c> named it.</summary>
    public required Guid DecisionId { get; init; }

    /// <summary>The committee that called it in: a registry body with the <c>scrutiny</c> role.</summary>
    public required Guid CommitteeBodyId { get; init; }

    /// <summary>Why the committee called it in, as it will be published.</summary>
    public required string Reasons { get; init; }

    public required DateTimeOffset CalledInAt { get; init; }
}
