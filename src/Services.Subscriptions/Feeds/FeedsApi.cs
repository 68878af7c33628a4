using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.ServiceDefaults.Access;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Feeds;

public static class FeedsApi
{
    /// <summary>
    /// Maps <c>/api/subscriptions/feeds</c>: a partner organisation's AMQP feeds, each a queue of its own on the platform's
    /// broker and a user that may read only that queue. The broker is changed first and the record after, so a refusal
    /// or a broker that does not answer (503) leaves nothing behind.
    /// </summary>
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/subscriptions/feeds").WithTags("Feeds").RequireRoles(SubscriptionsAccess.ManageEndpoints);
        feeds.MapGet("/", ListFeeds).WithName(nameof(ListFeeds))
            .WithSummary("The caller's organisation's AMQP feeds (every organisation's for a platform administrator), oldest first.");
        feeds.MapPost("/", CreateFeed).WithName(nameof(CreateFeed)).ProducesProblem(503)
            .WithSummary("Creates an AMQP feed: a queue bound to the public events exchange and a broker user that may read only it; the answer carries the user's password, shown this once. Honours Idempotency-Key.");
        feeds.MapGet("/{id:guid}", GetFeed).WithName(nameof(GetFeed)).ProducesProblem(404)
            .WithSummary("One feed, without its password.");
        feeds.MapDelete("/{id:guid}", DeleteFeed).WithName(nameof(DeleteFeed)).ProducesProblem(404).ProducesProblem(503)
            .WithSummary("Deletes a feed: its broker user (and its connections) and its queue.");
        feeds.MapPost("/{id:guid}/password-rotation", RotatePassword).WithName(nameof(RotatePassword)).ProducesProblem(404).ProducesProblem(503)
            .WithSummary("A new password for the feed's broker user, shown this once; the old one stops at once for new connections.");
        return app;
    }

    public static async Task<Ok<List<FeedResponse>>> ListFeeds(SubscriptionsDbContext db, PartnerBroker broker, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var feeds = await db.Feeds.AsNoTracking().Visible(user).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(feeds.Select(f => FeedResponse.Of(f, broker)).ToList());
    }

    public static async Task<Results<Ok<FeedResponse>, NotFound>> GetFeed(Guid id, SubscriptionsDbContext db, PartnerBroker broker, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Feeds.AsNoTracking().Visible(user).SingleOrDefaultAsync(f => f.Id == id, cancellationToken) is { } feed
            ? TypedResults.Ok(FeedResponse.Of(feed, broker))
            : TypedResults.NotFound();

    public static async Task<Results<Created<CreatedFeedResponse>, ValidationProblem, ProblemHttpResult>> CreateFeed(
        CreateFeedRequest request, SubscriptionsDbContext db, PartnerBroker broker, EndpointSecrets secrets, TimeProvider time, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var organisation = EndpointsApi.CheckOrganisation(request.OrganisationId, user, errors);
        EndpointsApi.CheckFilter(request.EventTypes, request.BodyIds, request.AreaIds, request.Themes, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!broker.IsConfigured)
        {
            return NotOffered();
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var password = PartnerBroker.GeneratePassword();
        var feed = new AmqpFeed
        {
            Id = id,
            OrganisationId = organisation,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = [.. request.EventTypes!.Distinct(StringComparer.Ordinal)],
            BodyIds = [.. (request.BodyIds ?? []).Distinct()],
            AreaIds = [.. (request.AreaIds ?? []).Distinct()],
            Themes = [.. (request.Themes ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            Queue = AmqpFeed.QueueOf(id),
            UserName = AmqpFeed.UserOf(id),
            ProtectedPassword = secrets.Protect(password),
            CreatedAt = now,
        };
        try
        {
            await broker.ProvisionAsync(feed, password, cancellationToken);
        }
        catch (BrokerUnavailableException ex)
        {
            await TryDeprovisionAsync(broker, feed);
            return Unavailable(ex);
        }

        db.Feeds.Add(feed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await TryDeprovisionAsync(broker, feed);
            throw;
        }

        return TypedResults.Created($"/api/subscriptions/feeds/{feed.Id}", new CreatedFeedResponse(FeedResponse.Of(feed, broker), password));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteFeed(
        Guid id, SubscriptionsDbContext db, PartnerBroker broker, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var feed = await db.Feeds.Visible(user).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            await broker.DeprovisionAsync(feed, cancellationToken);
        }
        catch (BrokerUnavailableException ex)
        {
            return Unavailable(ex);
        }

        db.Feeds.Remove(feed);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<RotatedPasswordResponse>, NotFound, ProblemHttpResult>> RotatePassword(
        Guid id, SubscriptionsDbContext db, PartnerBroker broker, EndpointSecrets secrets, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var feed = await db.Feeds.Visible(user).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        var password = PartnerBroker.GeneratePassword();
        try
        {
            await broker.SetPasswordAsync(feed.UserName, password, cancellationToken);
        }
        catch (BrokerUnavailableException ex)
        {
            return Unavailable(ex);
        }

        feed.ProtectedPassword = secrets.Protect(password);
        feed.PasswordRotatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedPasswordResponse(feed.Id, feed.UserName, password));
    }

    /// <summary>The feeds <paramref name="user"/> may see and change: its organisation's, or every one for an administrator.</summary>
    public static IQueryable<AmqpFeed> Visible(this IQueryable<AmqpFeed> feeds, ClaimsPrincipal user)
    {
        if (SubscriptionsAccess.IsAdministrator(user))
        {
            return feeds;
        }

        return SubscriptionsAccess.Organisation(user) is { } mine ? feeds.Where(f => f.OrganisationId == mine) : feeds.Where(_ => false);
    }

    private static async Task TryDeprovisionAsync(PartnerBroker broker, AmqpFeed feed)
    {
        try
        {
            await broker.DeprovisionAsync(feed, CancellationToken.None);
        }
        catch (BrokerUnavailableException)
        {
            // The user and queue are named by an id no record will hold; an operator may remove them.
        }
    }

    private static ProblemHttpResult NotOffered() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "This instance offers no AMQP feeds.",
        detail: "Its operator has not given the subscriptions service the broker's management API (ConnectionStrings:messaging-management).");

    private static ProblemHttpResult Unavailable(BrokerUnavailableException ex) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "The broker could not be changed; nothing was changed. Try again.", detail: ex.Message);
}

/// <summary>An AMQP feed to create: event types and filters as for a webhook endpoint. <c>organisationId</c> as for endpoints.</summary>
public sealed record CreateFeedRequest(
    [property: StringLength(AmqpFeed.DescriptionMaxLength)] string? Description,
    [property: Required] List<string>? EventTypes,
    List<Guid>? BodyIds,
    List<Guid>? AreaIds,
    List<string>? Themes,
    Guid? OrganisationId);

/// <summary>
/// A feed and where to read it: the broker's address (no credentials), the virtual host, the queue and the user.
/// <c>routing</c> says whether the queue is bound by event type (<c>bindings</c>) or the service routes events to it
/// because it also filters by body, area or theme (<c>filtered</c>).
/// </summary>
public sealed record FeedResponse(
    Guid Id, Guid OrganisationId, string? Description, IReadOnlyList<string> EventTypes, IReadOnlyList<Guid> BodyIds, IReadOnlyList<Guid> AreaIds,
    IReadOnlyList<string> Themes, string? Address, string VirtualHost, string Queue, string UserName, string Routing, DateTimeOffset CreatedAt,
    DateTimeOffset? PasswordRotatedAt)
{
    public static FeedResponse Of(AmqpFeed f, PartnerBroker broker) => new(
        f.Id, f.OrganisationId, f.Description, f.EventTypes, f.BodyIds, f.AreaIds, f.Themes, broker.PartnerAddress?.ToString(), broker.VirtualHost,
        f.Queue, f.UserName, f.FiltersBeyondType ? "filtered" : "bindings", f.CreatedAt, f.PasswordRotatedAt);
}

/// <summary>A new feed and its user's password, never shown again.</summary>
public sealed record CreatedFeedResponse(FeedResponse Feed, string Password);

public sealed record RotatedPasswordResponse(Guid FeedId, string UserName, string Password);
