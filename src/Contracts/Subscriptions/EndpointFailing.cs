namespace Concordat.Contracts.Subscriptions;

/// <summary>
/// A partner's webhook endpoint failed a delivery's last retry: it is marked failing, and its organisation's contact should
/// be told. Deliveries continue; the endpoint is disabled if it is still failing five days after its first failure.
/// Subject: <c>endpoints/{endpointId}</c>.
/// </summary>
[EventType("org.concordat.subscriptions.endpoint.failing.v1")]
public sealed record EndpointFailing : IntegrationEvent
{
    public required Guid EndpointId { get; init; }

    /// <summary>The registry organisation whose endpoint it is.</summary>
    public required Guid OrganisationId { get; init; }

    public required Uri Url { get; init; }

    /// <summary>The first failed attempt since the endpoint last answered with a 2xx.</summary>
    public required DateTimeOffset FailingSince { get; init; }

    /// <summary>The delivery whose attempts ran out.</summary>
    public required Guid DeliveryId { get; init; }

    /// <summary>The last attempt's HTTP status, or null when there was no answer (a timeout, a refused connection).</summary>
    public int? LastStatusCode { get; init; }
}
