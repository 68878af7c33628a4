using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// The partner subscriptions service's endpoints that a partner's administrator uses (<c>docs/subscriptions.md</c>):
/// webhook endpoints, their signing secrets and their delivery log. A partner sees its own organisation's; a platform
/// administrator every organisation's, and names the organisation when registering one.
/// </summary>
public interface ISubscriptionsApi
{
    /// <summary>The CloudEvents types an endpoint may subscribe to, and the wildcards by service.</summary>
    [Get("/api/subscriptions/event-types")]
    Task<IApiResponse<EventTypes>> ListEventTypesAsync(CancellationToken cancellationToken);

    /// <summary>The caller's organisation's endpoints (every organisation's for a platform administrator), oldest first.</summary>
    [Get("/api/subscriptions/endpoints")]
    Task<IApiResponse<List<WebhookEndpoint>>> ListEndpointsAsync(CancellationToken cancellationToken);

    [Get("/api/subscriptions/endpoints/{id}")]
    Task<IApiResponse<WebhookEndpoint>> GetEndpointAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Registers an endpoint; the answer carries its signing secret, shown this once.</summary>
    [Post("/api/subscriptions/endpoints")]
    Task<IApiResponse<RegisteredEndpoint>> RegisterEndpointAsync([Body] EndpointToRegister endpoint, CancellationToken cancellationToken);

    [Delete("/api/subscriptions/endpoints/{id}")]
    Task<IApiResponse> DeleteEndpointAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A new signing secret, shown once; the previous one keeps signing for 24 hours.</summary>
    [Post("/api/subscriptions/endpoints/{id}/secret-rotation")]
    Task<IApiResponse<RotatedSecret>> RotateSecretAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The delivery log, newest first, each delivery with its attempts.</summary>
    [Get("/api/subscriptions/endpoints/{id}/deliveries")]
    Task<IApiResponse<List<WebhookDelivery>>> ListDeliveriesAsync(Guid id, int? limit, CancellationToken cancellationToken);

    /// <summary>Sends one message again, from the first step of the schedule, with the same <c>webhook-id</c>.</summary>
    [Post("/api/subscriptions/endpoints/{id}/deliveries/{deliveryId}/redelivery")]
    Task<IApiResponse> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken cancellationToken);
}

public sealed record EventTypes(IReadOnlyList<string> Types, IReadOnlyList<string> Wildcards);

/// <summary>State: <c>active</c>, <c>paused</c>, <c>disabled</c>.</summary>
public sealed record WebhookEndpoint(
    Guid Id,
    Guid OrganisationId,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<Guid> BodyIds,
    IReadOnlyList<Guid> AreaIds,
    IReadOnlyList<string> Themes,
    string State,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt);

public sealed record EndpointToRegister(
    string? Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<Guid>? BodyIds,
    IReadOnlyList<Guid>? AreaIds,
    IReadOnlyList<string>? Themes,
    Guid? OrganisationId);

public sealed record RegisteredEndpoint(WebhookEndpoint Endpoint, string Secret);

public sealed record RotatedSecret(Guid EndpointId, string Secret, DateTimeOffset PreviousSecretExpiresAt);

/// <summary>State: <c>pending</c>, <c>succeeded</c>, <c>failed</c>.</summary>
public sealed record WebhookDelivery(
    Guid Id,
    Guid EventId,
    string EventType,
    string Subject,
    DateTimeOffset OccurredAt,
    string State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DeliveryAttempt> AttemptLog);

public sealed record DeliveryAttempt(int Number, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string Outcome, string? ResponseBody, string? Error);
