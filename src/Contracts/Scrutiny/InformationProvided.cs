namespace Concordat.Contracts.Scrutiny;

/// <summary>A partner authority answered a committee's information request. Subject: <c>information-requests/{informationRequestId}</c>.</summary>
[EventType("org.concordat.scrutiny.information.provided.v1")]
public sealed record InformationProvided : IntegrationEvent
{
    public required Guid InformationRequestId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public required Guid OrganisationId { get; init; }

    public required DateOnly DueOn { get; init; }

    public required DateTimeOffset ProvidedAt { get; init; }

    /// <summary>Whether the answer came after its due date (UK days).</summary>
    public required bool Late { get; init; }

    /// <summary>Who answered: the partner's key or token name.</summary>
    public required string ProvidedBy { get; init; }
}
