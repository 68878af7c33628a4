namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A call-in was resolved. <c>no_further_action</c>: the decision takes effect. <c>referred_back</c>: the decision
/// does not take effect; its issue returns to authorisation and a new decision is needed. Subject: <c>call-ins/{callInId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.call-in.resolved.v1")]
public sealed record CallInResolved : IntegrationEvent
{
    /// <summary>The outcome that lets the decision take effect.</summary>
    public const string NoFurtherAction = "no_further_action";

    /// <summary>The outcome that sends the decision back to the body that took it.</summary>
    public const string ReferredBack = "referred_back";

    public required Guid CallInId { get; init; }

    public required Guid DecisionId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    /// <summary><c>no_further_action</c> or <c>referred_back</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The committee's reasons, as published.</summary>
    public required string Reasons { get; init; }

    public required DateTimeOffset ResolvedAt { get; init; }
}
