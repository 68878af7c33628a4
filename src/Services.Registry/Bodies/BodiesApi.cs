using System.ComponentModel.DataAnnotations;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Bodies;

public static class BodiesApi
{
    /// <summary>Maps <c>/api/registry/bodies</c>: the bodies and their description (their composition and dissolution: <c>Memberships/BodyCompositionApi</c>).</summary>
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/registry/bodies").WithTags("Bodies");
        bodies.MapGet("/", ListBodies).Public().WithName(nameof(ListBodies));
        bodies.MapGet("/review-due", BodiesDueForReview).Public().WithName(nameof(BodiesDueForReview));
        bodies.MapGet("/{id:guid}", GetBody).Public().WithName(nameof(GetBody)).ProducesProblem(404);
        bodies.MapPost("/", RegisterBody).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RegisterBody));
        bodies.MapPut("/{id:guid}", ChangeBody).RequireBodyRole(BodyOf.Body, ConcordatRoles.Clerk).WithName(nameof(ChangeBody)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    /// <summary>
    /// Bodies, filtered: by <c>role</c> (the active bodies able to play it), type, scope, tier, supporting organisation,
    /// <c>review_due_before</c>, name; <c>status</c> <c>active</c> (default), <c>dissolved</c> or <c>all</c>. With
    /// <c>modified_since</c>, dissolved bodies come back as changes with their status (they are not gone: GET answers them).
    /// </summary>
    public static Task<Results<Ok<Page<BodyResponse>>, ValidationProblem>> ListBodies(
        [AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken,
        [FromQuery] Wire<CycleRole>? role = null,
        [FromQuery] Wire<BodyType>? type = null,
        [FromQuery] Wire<BodyScope>? scope = null,
        [FromQuery] Wire<Tier>? tier = null,
        [FromQuery] string? status = null,
        [FromQuery(Name = "supporting_organisation")] Guid? supportingOrganisation = null,
        [FromQuery(Name = "review_due_before")] DateOnly? reviewDueBefore = null,
        [FromQuery(Name = "q")] string? nameContains = null)
    {
        var bodies = db.Bodies.AsQueryable();
        switch (status ?? (query.ModifiedSince is null && role is null ? "active" : "all"))
        {
            case "active":
                bodies = bodies.Where(b => b.Status == BodyStatus.Active);
                break;
            case "dissolved":
                bodies = bodies.Where(b => b.Status == BodyStatus.Dissolved);
                break;
            case "all":
                break;
            default:
                return Task.FromResult<Results<Ok<Page<BodyResponse>>, ValidationProblem>>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is active, dissolved or all."] }));
        }

        if (role?.Value is { } r)
        {
            bodies = bodies.Where(b => b.Status == BodyStatus.Active && b.Roles.Contains(r));
        }

        if (type?.Value is { } t)
        {
            bodies = bodies.Where(b => b.Type == t);
        }

        if (scope?.Value is { } s)
        {
            bodies = bodies.Where(b => b.Scope == s);
        }

        if (tier?.Value is { } ti)
        {
            bodies = bodies.Where(b => b.Tier == ti);
        }

        if (supportingOrganisation is { } supporter)
        {
            bodies = bodies.Where(b => b.SupportingOrganisationId == supporter);
        }

        if (reviewDueBefore is { } due)
        {
            bodies = bodies.Where(b => b.TermsReviewDue != null && b.TermsReviewDue < due);
        }

        if (!string.IsNullOrWhiteSpace(nameContains))
        {
            var pattern = NameSearch.ContainsPattern(nameContains);
            bodies = bodies.Where(b => EF.Functions.ILike(b.Name, pattern, NameSearch.Escape) || (b.ShortName != null && EF.Functions.ILike(b.ShortName, pattern, NameSearch.Escape)));
        }

        return Paging.PageAsync(bodies, query, BodyResponse.From, cancellationToken);
    }

    /// <summary>Active bodies whose terms of reference are due for review within <c>within_days</c> (default 90), overdue first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<BodyResponse>>, ValidationProblem>> BodiesDueForReview(
        RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery(Name = "within_days")] int? withinDays = null)
    {
        if (withinDays is < 0 or > 3660)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["within_days"] = ["within_days is between 0 and 3660."] });
        }

        var horizon = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(withinDays ?? 90);
        var due = await db.Bodies.AsNoTracking()
            .Where(b => b.RemovedAt == null && b.Status == BodyStatus.Active && b.TermsReviewDue != null && b.TermsReviewDue <= horizon)
            .OrderBy(b => b.TermsReviewDue).ThenBy(b => b.Name)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<BodyResponse>>(due.Select(BodyResponse.From).ToList());
    }

    public static Task<Results<Ok<BodyResponse>, NotFound>> GetBody(Guid id, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Bodies, id, context, BodyResponse.From, cancellationToken);

    /// <summary>Registers a body and announces it with <c>BodyRegistered</c>.</summary>
    public static async Task<Results<Created<BodyResponse>, ValidationProblem>> RegisterBody(
        BodyRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await UnknownSupporterAsync(request, db, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var body = Body.Register(request.ToDetails(), time.GetUtcNow());
        db.Bodies.Add(body);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, body);
        return TypedResults.Created($"/api/registry/bodies/{body.Id}", BodyResponse.From(body));
    }

    /// <summary>Changes a body's description (If-Match); announces <c>BodyChanged</c>, and <c>BodyRolesChanged</c> when its roles changed.</summary>
    public static Task<Results<Ok<BodyResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeBody(
        Guid id, BodyRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Body, BodyResponse>(db, id, context, async body =>
            (Refusal?)await UnknownSupporterAsync(request, db, cancellationToken) ?? body.Change(request.ToDetails(), time.GetUtcNow())?.ToProblem(),
            BodyResponse.From, cancellationToken);

    /// <summary>A 400 when the supporting organisation is not live; otherwise it is held (<see cref="RowLocks"/>) until commit.</summary>
    private static async Task<ValidationProblem?> UnknownSupporterAsync(BodyRequest request, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (request.SupportingOrganisationId is not { } supporter)
        {
            return null;
        }

        await RowLocks.ForShareAsync<Organisations.Organisation>(db, [supporter], cancellationToken);
        return await db.Organisations.AnyAsync(o => o.Id == supporter && o.RemovedAt == null, cancellationToken)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["SupportingOrganisationId"] = [$"No organisation {supporter}."] });
    }
}

/// <summary>A body to register, or the new description of one.</summary>
public sealed record BodyRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Body.NameMaxLength)] string? Name,
    [property: StringLength(Body.ShortNameMaxLength)] string? ShortName,
    [property: Required] BodyType? Type,
    [property: Required] BodyScope? Scope,
    [property: StringLength(200)] string? Coverage,
    [property: Required] Tier? Tier,
    [property: StringLength(Body.TermsOfReferenceMaxLength), MultiLine] string? TermsOfReference,
    [property: WebAddress] string? TermsOfReferenceUrl,
    DateOnly? TermsReviewDue,
    Guid? SupportingOrganisationId,
    IReadOnlyList<CycleRole>? Roles)
{
    public BodyDetails ToDetails() => new(Name!, ShortName, Type!.Value, Scope!.Value, Coverage, Tier!.Value, TermsOfReference,
        TermsOfReferenceUrl is null ? null : new Uri(TermsOfReferenceUrl), TermsReviewDue, SupportingOrganisationId, Roles ?? []);
}

public sealed record BodyResponse(
    Guid Id,
    string Name,
    string? ShortName,
    BodyType Type,
    BodyScope Scope,
    string? Coverage,
    Tier Tier,
    string? TermsOfReference,
    Uri? TermsOfReferenceUrl,
    DateOnly? TermsReviewDue,
    Guid? SupportingOrganisationId,
    IReadOnlyList<CycleRole> Roles,
    BodyStatus Status,
    DateOnly? DissolvedOn,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static BodyResponse From(Body b) => new(b.Id, b.Name, b.ShortName, b.Type, b.Scope, b.Coverage, b.Tier, b.TermsOfReference, b.TermsOfReferenceUrl,
        b.TermsReviewDue, b.SupportingOrganisationId, b.Roles, b.Status, b.DissolvedOn, b.RegisteredAt, b.UpdatedAt, Versioning.ETagOf(b));
}
