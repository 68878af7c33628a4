using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;

namespace Concordat.Registry.Memberships;

/// <summary>
/// A body's composition (who sits on it) and its dissolution (which ends every membership): under
/// <c>/api/registry/bodies</c>, but here, because they read and change memberships and bodies must not depend on them.
/// </summary>
public static class BodyCompositionApi
{
    /// <summary>Maps <c>/api/registry/bodies/{id}/composition</c> and <c>/api/registry/bodies/{id}/dissolution</c>.</summary>
    public static IEndpointRouteBuilder MapBodyCompositionApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/registry/bodies").WithTags("Bodies");
        bodies.MapGet("/{id:guid}/composition", GetComposition).Public().WithName(nameof(GetComposition)).ProducesProblem(404);
        bodies.MapPost("/{id:guid}/dissolution", DissolveBody).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(DissolveBody)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    /// <summary>The body with its members on a day (today by default) and each seat's vacant places.</summary>
    public static async Task<Results<Ok<Composition>, NotFound>> GetComposition(Guid id, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery] DateOnly? on = null)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.RemovedAt == null, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }

        var day = on ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var members = await SeatHeld.QueryAsync(db, db.Memberships.Where(m => m.BodyId == id), day, cancellationToken);
        var seats = await db.Seats.AsNoTracking().Where(s => s.BodyId == id && s.RemovedAt == null).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        var places = seats.Select(seat =>
        {
            var holders = members.Count(m => m.SeatId == seat.Id && m.Role != MembershipRole.Substitute);
            return new SeatPlaces(SeatResponse.From(seat), holders, Math.Max(0, seat.Places - holders));
        }).ToList();
        return TypedResults.Ok(new Composition(BodyResponse.From(body), day, members, places, places.Where(p => p.Vacancies > 0).Sum(p => p.Vacancies)));
    }

    /// <summary>Dissolves a body (If-Match): its current memberships end that day; announces <c>BodyDissolved</c> and each <c>MembershipEnded</c>.</summary>
    /// <remarks>
    /// The body is locked before its memberships are read: a membership starting now either committed first (and is
    /// ended here) or waits for this to commit and then finds the body dissolved.
    /// </remarks>
    public static Task<Results<Ok<BodyResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DissolveBody(
        Guid id, DissolutionRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Body, BodyResponse>(db, id, context, async body =>
        {
            var now = time.GetUtcNow();
            var on = request.DissolvedOn ?? DateOnly.FromDateTime(now.UtcDateTime);
            var continuing = await db.Memberships.Where(BodyDissolution.Continuing(id, on)).ToListAsync(cancellationToken);
            return BodyDissolution.Dissolve(body, on, continuing, now)?.ToProblem();
        }, BodyResponse.From, cancellationToken);
}

/// <summary>When a body is dissolved (today if not given).</summary>
public sealed record DissolutionRequest(DateOnly? DissolvedOn);

/// <summary>A body on a day: who sits on it, and how many places each seat has free.</summary>
public sealed record Composition(BodyResponse Body, DateOnly On, IReadOnlyList<SeatHeld> Members, IReadOnlyList<SeatPlaces> Seats, int VacantPlaces);

public sealed record SeatPlaces(SeatResponse Seat, int Held, int Vacancies);
