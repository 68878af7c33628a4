using System.Security.Claims;
using Concordat.Cycle.Data;
using Concordat.Registry.ReadModel;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceKit;

namespace Concordat.Cycle.RegistryModel;

public static class BodiesApi
{
    /// <summary>Maps <c>/api/cycle/bodies</c>: the bodies the cycle knows of; and <c>/api/cycle/me/bodies</c>, the caller's.</summary>
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/cycle/bodies").WithTags("Bodies");
        bodies.MapGet("/{id:guid}", GetBody).Public().WithName(nameof(GetBody));
        app.MapGet("/api/cycle/me/bodies", MyBodies).RequireToken().WithTags("Bodies").WithName(nameof(MyBodies))
            .WithSummary("The bodies the caller sits on today, in what capacity, by the cycle's read model of the registry's memberships.");
        return app;
    }

    public static async Task<Results<Ok<KnownBodyResponse>, NotFound>> GetBody(
        Guid id, CycleDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new KnownBodyResponse(body.Id, body.InstanceId, body.Name, body.ShortName, body.RegisteredAt, body.BodyType, body.Scope, body.Tier, body.Roles, body.DissolvedOn));
    }

    /// <summary>"Which bodies do I sit on": the caller's current memberships (by the token's subject), one line per body.</summary>
    public static async Task<Ok<List<SeatedBody>>> MyBodies(ClaimsPrincipal user, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var subject = user.FindFirstValue(ConcordatClaims.Subject) ?? "";
        var today = StatutoryCalendar.UkToday(time);
        var rows = await (
                from m in db.Memberships
                where m.PersonSubject == subject && m.Started && !m.Removed && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today)
                join b in db.Bodies on m.BodyId equals b.Id into bodies
                from b in bodies.DefaultIfEmpty()
                select new { m.BodyId, Name = b != null ? b.Name : null, BodyRoles = b != null ? b.Roles : null, m.Role })
            .AsNoTracking()
            .Take(500)
            .ToListAsync(cancellationToken);
        var seated = rows.GroupBy(r => r.BodyId).Select(g =>
        {
            var scrutiny = g.First().BodyRoles?.Contains("scrutiny") == true;
            return new SeatedBody(g.Key, g.First().Name, [.. g.Select(r => r.Role).Distinct().Order()],
                [.. g.SelectMany(r => MembershipCapacities.RolesOf(r.Role, scrutiny)).Distinct().Order()]);
        }).OrderBy(s => s.Name).ToList();
        return TypedResults.Ok(seated);
    }
}

public sealed record KnownBodyResponse(
    Guid Id, string InstanceId, string Name, string? ShortName, DateTimeOffset RegisteredAt, string? BodyType, string? Scope, string? Tier, IReadOnlyList<string> Roles, DateOnly? DissolvedOn);

/// <summary>A body the caller sits on: the capacities the registry records (<c>clerk</c>, <c>vice_chair</c>) and the roles they give here.</summary>
public sealed record SeatedBody(Guid BodyId, string? Name, IReadOnlyList<string> Capacities, IReadOnlyList<string> Roles);
