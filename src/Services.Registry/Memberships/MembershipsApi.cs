using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;

namespace Concordat.Registry.Memberships;

public static class MembershipsApi
{
    /// <summary>Maps <c>/api/registry/memberships</c>: who sits where, started under the seat rules, ended with a date.</summary>
    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder app)
    {
        var memberships = app.MapGroup("/api/registry/memberships").WithTags("Memberships");
        memberships.MapGet("/", ListMemberships).Public().WithName(nameof(ListMemberships));
        memberships.MapGet("/{id:guid}", GetMembership).Public().WithName(nameof(GetMembership)).ProducesProblem(404);
        memberships.MapPost("/", StartMembership).RequireBodyRole(BodyOf.MembershipRequest, ConcordatRoles.Clerk).WithName(nameof(StartMembership)).ProducesProblem(409);
        memberships.MapPost("/{id:guid}/end", EndMembership).RequireBodyRole(BodyOf.Membership, ConcordatRoles.Clerk).WithName(nameof(EndMembership)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        memberships.MapDelete("/{id:guid}", RemoveMembership).RequireBodyRole(BodyOf.Membership, ConcordatRoles.Clerk).WithName(nameof(RemoveMembership)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    /// <summary>Memberships, filtered by body, person, organisation represented, and <c>current_on</c> (held on that day).</summary>
    public static Task<Results<Ok<Page<MembershipResponse>>, ValidationProblem>> ListMemberships(
        [AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken,
        [FromQuery] Guid? body = null, [FromQuery] Guid? person = null, [FromQuery] Guid? organisation = null,
        [FromQuery(Name = "current_on")] DateOnly? currentOn = null)
    {
        var memberships = db.Memberships.AsQueryable();
        if (body is { } b)
        {
            memberships = memberships.Where(m => m.BodyId == b);
        }

        if (person is { } p)
        {
            memberships = memberships.Where(m => m.PersonId == p);
        }

        if (organisation is { } o)
        {
            memberships = memberships.Where(m => m.OnBehalfOfOrganisationId == o);
        }

        if (currentOn is { } day)
        {
            memberships = memberships.Where(m => m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day));
        }

        return Paging.PageAsync(memberships, query, MembershipResponse.From, cancellationToken);
    }

    public static Task<Results<Ok<MembershipResponse>, NotFound>> GetMembership(Guid id, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Memberships, id, context, MembershipResponse.From, cancellationToken);

    /// <summary>
    /// Starts a membership if the seat's rules allow it (409 naming the rule otherwise); announces <c>MembershipStarted</c>.
    /// The seat is locked while its holders are counted, so two requests cannot both take its last place.
    /// </summary>
    public static async Task<Results<Created<MembershipResponse>, ValidationProblem, ProblemHttpResult>> StartMembership(
        MembershipRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seatVotes = request.SeatId is { } seatId
            ? await db.Seats.Where(s => s.Id == seatId).Select(s => (bool?)s.Voting).SingleOrDefaultAsync(cancellationToken)
            : null;
        var terms = request.ToTerms(DateOnly.FromDateTime(now.UtcDateTime), seatVotes ?? false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (refused, membership) = await AdmitAsync(db, terms, now, cancellationToken);
        if (membership is null)
        {
            return refused!.AsCreation<Created<MembershipResponse>>();
        }

        db.Memberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, membership);
        return TypedResults.Created($"/api/registry/memberships/{membership.Id}", MembershipResponse.From(membership));
    }

    /// <summary>Gives a membership its last day (If-Match); announces <c>MembershipEnded</c>.</summary>
    public static Task<Results<Ok<MembershipResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EndMembership(
        Guid id, EndMembershipRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Membership, MembershipResponse>(db, id, context, membership =>
        {
            var now = time.GetUtcNow();
            return Task.FromResult<Refusal?>(membership.End(request.EndsOn ?? DateOnly.FromDateTime(now.UtcDateTime), now)?.ToProblem());
        }, MembershipResponse.From, cancellationToken);

    /// <summary>Removes a membership entered in error (If-Match); it leaves a tombstone and announces <c>MembershipEnded</c> with <c>removed</c>.</summary>
    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveMembership(Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<Membership>(db, id, context, time, RecordResults.NothingInTheWay, cancellationToken);

    /// <summary>
    /// Resolves what <paramref name="terms"/> name and starts the membership through <see cref="Membership.Admit"/>: a 400
    /// for what does not exist, a 409 for a rule broken, or the membership started. Call inside a transaction: it locks the seat.
    /// </summary>
    public static async Task<(Refusal? Refused, Membership? Started)> AdmitAsync(
        RegistryDbContext db, MembershipTerms terms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (terms.EndsOn is { } end && end < terms.StartsOn)
        {
            errors["EndsOn"] = ["A membership cannot end before it starts."];
        }

        if (terms.OnBehalfOfOrganisationId is not null && terms.OnBehalfOfBodyId is not null)
        {
            errors["OnBehalfOf"] = ["A member sits on behalf of an organisation or a body, not both."];
        }

        // Hold what the rules read until commit (RowLocks, in its order): the body (a dissolution waits, and then ends this
        // membership too), the seat exclusively (a concurrent admission or a cut in places waits here, then counts this
        // one), the person and the organisations and body named (a removal waits, then finds this membership).
        await RowLocks.ForShareAsync<Body>(db, [terms.BodyId, .. terms.OnBehalfOfBodyId is { } b ? [b] : Array.Empty<Guid>()], cancellationToken);
        if (terms.SeatId is { } lockedSeat)
        {
            await RowLocks.ForUpdateAsync<Seat>(db, lockedSeat, cancellationToken);
        }

        await RowLocks.ForShareAsync<People.Person>(db, [terms.PersonId], cancellationToken);
        await RowLocks.ForShareAsync<Organisations.Organisation>(db, terms.OnBehalfOfOrganisationId is { } o ? [o] : [], cancellationToken);
        var body = await db.Bodies.SingleOrDefaultAsync(b => b.Id == terms.BodyId && b.RemovedAt == null, cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == terms.PersonId && p.RemovedAt == null, cancellationToken);
        Seat? seat = null;
        if (terms.SeatId is { } seatId)
        {
            seat = await db.Seats.SingleOrDefaultAsync(s => s.Id == seatId && s.RemovedAt == null, cancellationToken);
            if (seat is null || seat.BodyId != terms.BodyId)
            {
                errors["SeatId"] = [$"Body {terms.BodyId} has no seat {seatId}."];
            }
        }

        if (body is null)
        {
            errors["BodyId"] = [$"No body {terms.BodyId}."];
        }

        if (person is null)
        {
            errors["PersonId"] = [$"No person {terms.PersonId}."];
        }

        if (terms.OnBehalfOfOrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org && o.RemovedAt == null, cancellationToken))
        {
            errors["OnBehalfOfOrganisationId"] = [$"No organisation {org}."];
        }

        if (terms.OnBehalfOfBodyId is { } represented && (represented == terms.BodyId || !await db.Bodies.AnyAsync(b => b.Id == represented && b.RemovedAt == null, cancellationToken)))
        {
            errors["OnBehalfOfBodyId"] = [represented == terms.BodyId ? "A body cannot be represented on itself." : $"No body {represented}."];
        }

        if (errors.Count > 0)
        {
            return (TypedResults.ValidationProblem(errors), null);
        }

        var holders = seat is null ? [] : await db.Memberships.Where(m => m.SeatId == seat.Id && m.RemovedAt == null).ToListAsync(cancellationToken);
        var (started, violation) = Membership.Admit(body!, seat, person!, terms, holders, now);
        return (violation?.ToProblem(), started);
    }
}

/// <summary>A membership to start. <c>voting</c> defaults to the seat's; <c>startsOn</c> to today.</summary>
public sealed record MembershipRequest(
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    [property: System.ComponentModel.DataAnnotations.Required] MembershipRole? Role,
    bool? Voting,
    DateOnly? StartsOn,
    DateOnly? EndsOn)
{
    public MembershipTerms ToTerms(DateOnly today, bool seatVotes) => new(BodyId, SeatId, PersonId, OnBehalfOfOrganisationId, OnBehalfOfBodyId, Role!.Value,
        Voting ?? (seatVotes && Role is not MembershipRole.Clerk and not MembershipRole.Adviser), StartsOn ?? today, EndsOn);
}

/// <summary>The membership's last day (today if not given).</summary>
public sealed record EndMembershipRequest(DateOnly? EndsOn);

public sealed record MembershipResponse(
    Guid Id,
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    MembershipRole Role,
    bool Voting,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static MembershipResponse From(Membership m) => new(m.Id, m.BodyId, m.SeatId, m.PersonId, m.OnBehalfOfOrganisationId, m.OnBehalfOfBodyId,
        m.Role, m.Voting, m.StartsOn, m.EndsOn, m.UpdatedAt, Versioning.ETagOf(m));
}
