using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.ServiceDefaults.Access;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.FanOut;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Endpoints;

public static class EndpointsApi
{
    public const int MaxListItems = 100;

    /// <summary>Maps <c>/api/subscriptions/endpoints</c>: a partner organisation's webhook endpoints, and the event types they may subscribe to.</summary>
    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/subscriptions/event-types", ListEventTypes).Public().WithTags("Endpoints").WithName(nameof(ListEventTypes))
            .WithSummary("The CloudEvents types an endpoint may subscribe to, and the wildcards by service.");

        var endpoints = app.MapGroup("/api/subscriptions/endpoints").WithTags("Endpoints").RequireRoles(SubscriptionsAccess.ManageEndpoints);
        endpoints.MapGet("/", ListEndpoints).WithName(nameof(ListEndpoints))
            .WithSummary("The caller's organisation's endpoints (every organisation's for a platform administrator), oldest first.");
        endpoints.MapPost("/", RegisterEndpoint).WithName(nameof(RegisterEndpoint))
            .WithSummary("Registers a webhook endpoint; the answer carries its signing secret, shown this once. Honours Idempotency-Key.");
        endpoints.MapGet("/{id:guid}", GetEndpoint).WithName(nameof(GetEndpoint)).ProducesProblem(404)
            .WithSummary("One endpoint, without its secret.");
        endpoints.MapDelete("/{id:guid}", DeleteEndpoint).WithName(nameof(DeleteEndpoint)).ProducesProblem(404)
            .WithSummary("Deletes an endpoint and its delivery log.");
        endpoints.MapPost("/{id:guid}/secret-rotation", RotateSecret).WithName(nameof(RotateSecret)).ProducesProblem(404)
            .WithSummary("A new signing secret, shown this once; the old one signs too for 24 hours, so deliveries carry both signatures.");
        endpoints.MapPost("/{id:guid}/pause", PauseEndpoint).WithName(nameof(PauseEndpoint)).ProducesProblem(404)
            .WithSummary("Deliveries wait until the endpoint is resumed.");
        endpoints.MapPost("/{id:guid}/resume", ResumeEndpoint).WithName(nameof(ResumeEndpoint)).ProducesProblem(404)
            .WithSummary("Deliveries go again, also to an endpoint the platform disabled; waiting deliveries go at once.");
        return app;
    }

    public static Ok<EventTypesResponse> ListEventTypes() => TypedResults.Ok(new EventTypesResponse(PublicEvents.TypeNames, PublicEvents.Wildcards));

    public static async Task<Ok<List<EndpointResponse>>> ListEndpoints(SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var endpoints = await db.Endpoints.AsNoTracking().Visible(user).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(endpoints.Select(EndpointResponse.Of).ToList());
    }

    public static async Task<Results<Ok<EndpointResponse>, NotFound>> GetEndpoint(Guid id, SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Endpoints.AsNoTracking().Visible(user).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } endpoint
            ? TypedResults.Ok(EndpointResponse.Of(endpoint))
            : TypedResults.NotFound();

    /// <summary>Registers an endpoint after checking every field; nothing is stored when any is wrong (400 naming them).</summary>
    public static async Task<Results<Created<RegisteredEndpointResponse>, ValidationProblem>> RegisterEndpoint(
        RegisterEndpointRequest request, SubscriptionsDbContext db, EndpointSecrets secrets, IOptionsMonitor<SubscriptionsOptions> options,
        TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var organisation = CheckOrganisation(request.OrganisationId, user, errors);
        if (await UrlSafety.CheckAsync(request.Url, options.CurrentValue, cancellationToken) is { } badUrl)
        {
            errors["url"] = [badUrl];
        }
        else if (request.Url!.Length > WebhookEndpoint.UrlMaxLength)
        {
            errors["url"] = [$"At most {WebhookEndpoint.UrlMaxLength} characters."];
        }

        CheckFilter(request.EventTypes, request.BodyIds, request.AreaIds, request.Themes, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var secret = EndpointSecrets.Generate();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisation,
            Url = request.Url!,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = [.. request.EventTypes!.Distinct(StringComparer.Ordinal)],
            BodyIds = [.. (request.BodyIds ?? []).Distinct()],
            AreaIds = [.. (request.AreaIds ?? []).Distinct()],
            Themes = [.. (request.Themes ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            State = EndpointState.Active,
            ProtectedSecret = secrets.Protect(secret),
            CreatedAt = now,
        };
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/subscriptions/endpoints/{endpoint.Id}", new RegisteredEndpointResponse(EndpointResponse.Of(endpoint), secret));
    }

    /// <summary>
    /// Whose subscription this is: the partner's own organisation (it may leave it out, and may not name another), or the
    /// one a platform administrator names. Adds an <c>organisationId</c> error when there is none.
    /// </summary>
    internal static Guid CheckOrganisation(Guid? named, ClaimsPrincipal user, Dictionary<string, string[]> errors)
    {
        if (SubscriptionsAccess.IsAdministrator(user))
        {
            if (named is not { } given || given == Guid.Empty)
            {
                errors["organisationId"] = ["Name the registry organisation whose subscription this is."];
            }

            return named ?? Guid.Empty;
        }

        var organisation = SubscriptionsAccess.Organisation(user) ?? Guid.Empty;
        if (organisation == Guid.Empty)
        {
            errors["organisationId"] = ["The caller's key or token names no organisation."];
        }
        else if (named is { } other && other != organisation)
        {
            errors["organisationId"] = ["A partner subscribes for its own organisation only."];
        }

        return organisation;
    }

    /// <summary>Checks the event types and filters a webhook endpoint or an AMQP feed subscribes with.</summary>
    internal static void CheckFilter(List<string>? eventTypes, List<Guid>? bodyIds, List<Guid>? areaIds, List<string>? themeList, Dictionary<string, string[]> errors)
    {
        var types = eventTypes ?? [];
        if (types.Count == 0)
        {
            errors["eventTypes"] = ["Name at least one event type, or a service's wildcard such as org.concordat.cycle.*."];
        }
        else if (types.Count > 50)
        {
            errors["eventTypes"] = ["At most 50."];
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!EventFilter.IsKnown(types[i] ?? ""))
            {
                errors[$"eventTypes[{i}]"] = ["Not a public event type nor a service's wildcard: see /api/subscriptions/event-types."];
            }
        }

        if ((bodyIds?.Count ?? 0) > MaxListItems)
        {
            errors["bodyIds"] = [$"At most {MaxListItems}."];
        }

        if ((areaIds?.Count ?? 0) > MaxListItems)
        {
            errors["areaIds"] = [$"At most {MaxListItems}."];
        }

        var themes = themeList ?? [];
        if (themes.Count > MaxListItems)
        {
            errors["themes"] = [$"At most {MaxListItems}."];
        }

        for (var i = 0; i < themes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(themes[i]) || themes[i].Length > 100)
            {
                errors[$"themes[{i}]"] = ["A theme is 1 to 100 characters."];
            }
        }
    }

    public static async Task<Results<NoContent, NotFound>> DeleteEndpoint(Guid id, SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var deleted = await db.Endpoints.Visible(user).Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RotatedSecretResponse>, NotFound>> RotateSecret(
        Guid id, SubscriptionsDbContext db, EndpointSecrets secrets, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var endpoint = await db.Endpoints.Visible(user).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return TypedResults.NotFound();
        }

        var secret = EndpointSecrets.Generate();
        endpoint.Rotate(secrets.Protect(secret), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedSecretResponse(endpoint.Id, secret, endpoint.PreviousSecretExpiresAt!.Value));
    }

    public static Task<Results<Ok<EndpointResponse>, NotFound>> PauseEndpoint(Guid id, SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, user, e => e.Pause(), cancellationToken);

    public static Task<Results<Ok<EndpointResponse>, NotFound>> ResumeEndpoint(Guid id, SubscriptionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(db, id, user, e => e.Resume(), cancellationToken);

    private static async Task<Results<Ok<EndpointResponse>, NotFound>> ChangeAsync(
        SubscriptionsDbContext db, Guid id, ClaimsPrincipal user, Action<WebhookEndpoint> change, CancellationToken cancellationToken)
    {
        var endpoint = await db.Endpoints.Visible(user).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return TypedResults.NotFound();
        }

        change(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(EndpointResponse.Of(endpoint));
    }
}

/// <summary>
/// A webhook endpoint to register. <c>organisationId</c> is the caller's own for a partner (it may be left out), and
/// required of a platform administrator.
/// </summary>
public sealed record RegisterEndpointRequest(
    [property: Required] string? Url,
    [property: StringLength(WebhookEndpoint.DescriptionMaxLength)] string? Description,
    [property: Required] List<string>? EventTypes,
    List<Guid>? BodyIds,
    List<Guid>? AreaIds,
    List<string>? Themes,
    Guid? OrganisationId);

public sealed record EndpointResponse(
    Guid Id, Guid OrganisationId, string Url, string? Description, IReadOnlyList<string> EventTypes, IReadOnlyList<Guid> BodyIds,
    IReadOnlyList<Guid> AreaIds, IReadOnlyList<string> Themes, EndpointState State, string? DisabledReason, DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt, DateTimeOffset? SecretRotatedAt, DateTimeOffset? PreviousSecretExpiresAt)
{
    public static EndpointResponse Of(WebhookEndpoint e) => new(
        e.Id, e.OrganisationId, e.Url, e.Description, e.EventTypes, e.BodyIds, e.AreaIds, e.Themes, e.State, e.DisabledReason, e.FailingSince,
        e.CreatedAt, e.SecretRotatedAt, e.PreviousSecretExpiresAt);
}

/// <summary>A new endpoint and its signing secret (<c>whsec_…</c>), which is never shown again.</summary>
public sealed record RegisteredEndpointResponse(EndpointResponse Endpoint, string Secret);

/// <summary>The new signing secret, never shown again, and when the previous one stops signing.</summary>
public sealed record RotatedSecretResponse(Guid EndpointId, string Secret, DateTimeOffset PreviousSecretExpiresAt);

public sealed record EventTypesResponse(IReadOnlyList<string> Types, IReadOnlyList<string> Wildcards);
