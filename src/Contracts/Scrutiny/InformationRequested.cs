namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A scrutiny committee asked a partner authority for information, with the day it is due by the committee's statutory
/// regime. Subject: <c>information-requests/{informationRequestId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.information.requested.v1")]
public sealed record InformationRequested : IntegrationEvent
{
    public required Guid InformationRequestId { get; init; }

    /// <summary>The committee that asked: a registry body with the <c>scrutiny</c> role.</summary>
    public required Guid CommitteeBodyId { get; init; }

    /// <summary>The partner authority asked: a registry organisation.</summary>
    public required Guid OrganisationId { get; init; }

    public required string Question { get; init; }

    /// <summary>The UK day the request was sent (it may have gone earlier by letter).</summary>
    public required DateOnly SentOn { get; init; }

    /// <summary>The last UK day on which an answer is in time.</summary>
    public required DateOnly DueOn { get; init; }

    /// <summary>The statutory regime that set the due date.</summary>
    public required string Regime { get; init; }

    public required string RequestedBy { get; init; }
}
