using System.ComponentModel.DataAnnotations;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Memberships;

public static class SeatsApi
{
    /// <summary>Maps a body's seats (<c>/api/registry/bodies/{id}/seats</c>) and each seat (<c>/api/registry/seats/{id}</c>).</summary>
    public static IEndpointRouteBuilder MapSeatsApi(this IEndpointRouteBuilder app)
    {
        var ofBody = app.MapGroup("/api/registry/bodies/{bodyId:guid}/seats").WithTags("Seats");
        ofBody.MapGet("/", ListSeats).Public().WithName(nameof(ListSeats)).ProducesProblem(404);
        ofBody.MapPost("/", DefineSeat).RequireBodyRole(BodyOf.SeatsOfBody, ConcordatRoles.Clerk).WithName(nameof(DefineSeat)).ProducesValidationProblem().ProducesProblem(409).ProducesProblem(404);

        var seats = app.MapGroup("/api/registry/seats").WithTags("Seats");
        seats.MapGet("/", ListAllSeats).Public().WithName(nameof(ListAllSeats));
        seats.MapGet("/{id:guid}", GetSeat).Public().WithName(nameof(GetSeat)).ProducesProblem(404);
        seats.MapPut("/{id:guid}", ChangeSeat).RequireBodyRole(BodyOf.Seat, ConcordatRoles.Clerk).WithName(nameof(ChangeSeat)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        seats.MapDelete("/{id:guid}", RemoveSeat).RequireBodyRole(BodyOf.Seat, ConcordatRoles.Clerk).WithName(nameof(RemoveSeat)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    public static async Task<Results<Ok<Page<SeatResponse>>, NotFound, ValidationProblem>> ListSeats(
        Guid bodyId, [AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Bodies.AnyAsync(b => b.Id == bodyId && b.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // The page's two answers, widened into this handler's three.
        return (await Paging.PageAsync(db.Seats.Where(s => s.BodyId == bodyId), query, SeatResponse.From, cancellationToken)).Result switch
        {
            Ok<Page<SeatResponse>> page => page,
            var invalid => (ValidationProblem)invalid,
        };
    }

    /// <summary>Every seat of every body, for sync (<c>modified_since</c>) and export.</summary>
    public static Task<Results<Ok<Page<SeatResponse>>, ValidationProblem>> ListAllSeats([AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken) =>
        Paging.PageAsync(db.Seats, query, SeatResponse.From, cancellationToken);

    public static Task<Results<Ok<SeatResponse>, NotFound>> GetSeat(Guid id, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Seats, id, context, SeatResponse.From, cancellationToken);

    public static async Task<Results<Created<SeatResponse>, NotFound, ProblemHttpResult>> DefineSeat(
        Guid bodyId, SeatRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForShareAsync<Body>(db, [bodyId], cancellationToken);
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bodyId && b.RemovedAt == null, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }

        if (body.RefuseIfDissolved("it has no seats to define") is { } dissolved)
        {
            return dissolved.ToProblem();
        }

        var seat = Seat.Define(bodyId, request.ToDetails(), time.GetUtcNow());
        db.Seats.Add(seat);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, seat);
        return TypedResults.Created($"/api/registry/seats/{seat.Id}", SeatResponse.From(seat));
    }

    /// <summary>Changes a seat (If-Match); refused when fewer places would remain than people hold it today.</summary>
    public static Task<Results<Ok<SeatResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeSeat(
        Guid id, SeatRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Seat, SeatResponse>(db, id, context, async seat =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var holders = await db.Memberships.CountAsync(Membership.HoldsPlaceFrom(id, today), cancellationToken);
            return (seat.RefuseCut(request.Places, holders) ?? seat.Change(request.ToDetails(), time.GetUtcNow()))?.ToProblem();
        }, SeatResponse.From, cancellationToken);

    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveSeat(Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<Seat>(db, id, context, time, async seat =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return await db.Memberships.AnyAsync(m => m.SeatId == id && m.RemovedAt == null && (m.EndsOn == null || m.EndsOn >= today), cancellationToken)
                ? new RuleViolation(RegistryRules.SeatHeld, $"'{seat.Title}' is held; end its memberships first.").ToProblem()
                : null;
        }, cancellationToken);
}

/// <summary>A seat to define, or its new rules.</summary>
public sealed record SeatRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Seat.TitleMaxLength)] string? Title,
    [property: Range(1, Seat.MaxPlaces)] int Places,
    bool Voting,
    SeatHolder? Holder,
    bool Chair,
    Representation? Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    [property: StringLength(500), MultiLine] string? SubstituteRule)
{
    public SeatDetails ToDetails() => new(Title!, Places, Voting, Holder ?? SeatHolder.Anyone, Chair, Represents ?? Representation.Nobody,
        OnePerRepresented, SubstitutesAllowed, SubstituteRule);
}

public sealed record SeatResponse(
    Guid Id,
    Guid BodyId,
    string Title,
    int Places,
    bool Voting,
    SeatHolder Holder,
    bool Chair,
    Representation Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    string? SubstituteRule,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static SeatResponse From(Seat s) => new(s.Id, s.BodyId, s.Title, s.Places, s.Voting, s.Holder, s.Chair, s.Represents, s.OnePerRepresented,
        s.SubstitutesAllowed, s.SubstituteRule, s.UpdatedAt, Versioning.ETagOf(s));
}
