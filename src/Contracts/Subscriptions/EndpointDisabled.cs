namespace Concordat.Contracts.Subscriptions;

/// <summary>
/// A partner's webhook endpoint was disabled by the platform: it answered <c>410 Gone</c>, or it had been failing for five
/// days. Nothing is delivered to it until its organisation resumes it. Subject: <c>endpoints/{endpointId}</c>.
/// </summary>
[EventType("org.concordat.subscriptions.endpoint.disabled.v1")]
public sealed record EndpointDisabled : IntegrationEvent
{
    /// <summary>The endpoint answered <c>410 Gone</c>.</summary>
    public const string Gone = "gone";

    /// <summary>Every attempt for five days since its first failure failed.</summary>
    public const string FailingTooLong = "failing_for_five_days";

    public required Guid EndpointId { get; init; }

    public required Guid OrganisationId { get; init; }

    public required Uri Url { get; init; }

    /// <summary><c>gone</c> or <c>failing_for_five_days</c>.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset DisabledAt { get; init; }
}
