using Concordat.Registry.ReadModel;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny.Committees;

public static class CommitteesApi
{
    /// <summary>The role a registry body plays to be a scrutiny committee.</summary>
    public const string ScrutinyRole = "scrutiny";

    /// <summary>Maps <c>/api/scrutiny/committees</c>: the scrutiny committees, from scrutiny's read model of the registry.</summary>
    public static IEndpointRouteBuilder MapCommitteesApi(this IEndpointRouteBuilder app)
    {
        var committees = app.MapGroup("/api/scrutiny/committees").WithTags("Committees");
        committees.MapGet("/", ListCommittees).Public().WithName(nameof(ListCommittees))
            .WithSummary("The scrutiny committees: registry bodies with the scrutiny role, as scrutiny knows them, oldest first, paged.");
        committees.MapGet("/{id:guid}", GetCommittee).Public().WithName(nameof(GetCommittee))
            .WithSummary("One scrutiny committee, with its parts: today's members grouped by the organisation (council) each sits for.")
            .ProducesProblem(404);
        return app;
    }

    /// <summary>The committees, in order of registration; <c>limit</c> and <c>cursor</c> as every list takes them.</summary>
    public static async Task<Results<Ok<Page<CommitteeResponse>>, ValidationProblem>> ListCommittees(
        [AsParameters] CommitteeListQuery query, ScrutinyDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? ListQuery.DefaultLimit;
        if (limit is < 1 or > ListQuery.MaxLimit)
        {
            return ScrutinyProblems.Invalid("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        var committees = Committees(db);
        if (query.Cursor is { } token)
        {
            if (KeysetCursor.Parse(token, CommitteeOrder) is not { } after)
            {
                return ScrutinyProblems.Invalid("cursor", "The cursor is not one this list gave out.");
            }

            committees = committees.Where(b => EF.Functions.GreaterThan(ValueTuple.Create(b.RegisteredAt, b.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await committees.OrderBy(b => b.RegisteredAt).ThenBy(b => b.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new KeysetCursor(CommitteeOrder, page[^1].RegisteredAt, page[^1].Id).ToString() : null;
        return TypedResults.Ok(new Page<CommitteeResponse>([.. page.Select(CommitteeResponse.From)], null, next));
    }

    /// <summary>
    /// One committee and its parts: a joint committee has parts from the county and the districts, shown by today's
    /// memberships on behalf of each council (by the read model of the registry's memberships). The registry's composition
    /// of the body is public, and so are these names; nothing else of the members is shown.
    /// </summary>
    public static async Task<Results<Ok<CommitteeResponse>, NotFound>> GetCommittee(Guid id, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var committee = await Committees(db).SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (committee is null)
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        // A committee has tens of members: read them all, bounded all the same.
        var sitting = await db.Memberships.AsNoTracking()
            .Where(m => m.BodyId == id && m.Started && !m.Removed && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today) && m.OnBehalfOfOrganisationId != null)
            .OrderBy(m => m.PersonName).ThenBy(m => m.Id)
            .Take(ListQuery.MaxLimit)
            .Select(m => new { OrganisationId = m.OnBehalfOfOrganisationId!.Value, m.PersonName, m.Role })
            .ToListAsync(cancellationToken);
        var parts = sitting.GroupBy(m => m.OrganisationId).OrderBy(g => g.Key)
            .Select(g => new CommitteePart(g.Key, [.. g.Select(m => new CommitteeMember(m.PersonName, m.Role))]))
            .ToList();
        return TypedResults.Ok(CommitteeResponse.From(committee) with { Joint = parts.Count > 1, Parts = parts });
    }

    /// <summary>The known bodies with the scrutiny role (named: a body whose registration has not arrived is not listed).</summary>
    public static IQueryable<KnownBody> Committees(ScrutinyDbContext db) =>
        db.Bodies.AsNoTracking().Where(b => b.Roles.Contains(ScrutinyRole) && b.Name != "");

    private const char CommitteeOrder = 'r';
}

/// <summary>Paging of the committees: <c>limit</c> (1–200, default 50) and <c>cursor</c> (from the previous page's <c>next</c>).</summary>
public sealed class CommitteeListQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>
/// A scrutiny committee as the registry described it: its tier (county, district) says which tier's committee it is. One
/// committee read alone also has its parts (<see cref="Parts"/>), and <see cref="Joint"/> when its members sit for more
/// than one organisation (the county and districts); a list leaves both null.
/// </summary>
public sealed record CommitteeResponse(
    Guid Id, string InstanceId, string Name, string? ShortName, DateTimeOffset RegisteredAt, string? BodyType, string? Scope, string? Tier,
    IReadOnlyList<string> Roles, DateOnly? DissolvedOn)
{
    public bool? Joint { get; init; }

    public IReadOnlyList<CommitteePart>? Parts { get; init; }

    public static CommitteeResponse From(KnownBody body) =>
        new(body.Id, body.InstanceId, body.Name, body.ShortName, body.RegisteredAt, body.BodyType, body.Scope, body.Tier, body.Roles, body.DissolvedOn);
}

/// <summary>The members who sit for one organisation today.</summary>
public sealed record CommitteePart(Guid OrganisationId, IReadOnlyList<CommitteeMember> Members);

/// <summary>A member as the registry's public composition shows them: name and capacity.</summary>
public sealed record CommitteeMember(string Name, string Capacity);
