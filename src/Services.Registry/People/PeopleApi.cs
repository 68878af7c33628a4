using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Records;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.People;

public static class PeopleApi
{
    /// <summary>Maps <c>/api/registry/people</c>.</summary>
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/registry/people").WithTags("People");
        people.MapGet("/", ListPeople).Public().WithName(nameof(ListPeople));
        people.MapGet("/{id:guid}", GetPerson).Public().WithName(nameof(GetPerson)).ProducesProblem(404);
        people.MapGet("/{id:guid}/bodies", BodiesOfPerson).Public().WithName(nameof(BodiesOfPerson)).ProducesProblem(404);
        people.MapPost("/", RegisterPerson).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RegisterPerson)).ProducesProblem(409);
        people.MapPut("/{id:guid}", ChangePerson).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(ChangePerson)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        people.MapDelete("/{id:guid}", RemovePerson).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RemovePerson)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    public static async Task<Results<Ok<Page<PersonResponse>>, ValidationProblem>> ListPeople(
        [AsParameters] ListQuery query, RegistryDbContext db, ClaimsPrincipal caller, TimeProvider time, CancellationToken cancellationToken,
        [FromQuery] Guid? organisation = null, [FromQuery] bool? elected = null, [FromQuery(Name = "q")] string? nameContains = null)
    {
        var people = db.People.AsQueryable();
        if (organisation is { } org)
        {
            people = people.Where(p => p.Affiliations.Any(a => a.OrganisationId == org));
        }

        if (elected is { } e)
        {
            people = people.Where(p => p.Elected == e);
        }

        if (!string.IsNullOrWhiteSpace(nameContains))
        {
            var pattern = NameSearch.ContainsPattern(nameContains);
            people = people.Where(p => EF.Functions.ILike(p.Name, pattern, NameSearch.Escape));
        }

        return await Paging.PageAsync(people, query, await PersonalData.ResponseForAsync(db, caller, time, cancellationToken), cancellationToken);
    }

    public static async Task<Results<Ok<PersonResponse>, NotFound>> GetPerson(Guid id, RegistryDbContext db, HttpContext context, TimeProvider time, CancellationToken cancellationToken) =>
        await RecordResults.GetAsync(db.People, id, context, await PersonalData.ResponseForAsync(db, context.User, time, cancellationToken), cancellationToken);

    /// <summary>Every body the person sits on today (or on <paramref name="on"/>), in what capacity and for whom.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SeatHeld>>, NotFound>> BodiesOfPerson(Guid id, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery] DateOnly? on = null)
    {
        if (!await db.People.AnyAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var day = on ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<SeatHeld>>(await SeatHeld.QueryAsync(db, db.Memberships.Where(m => m.PersonId == id), day, cancellationToken));
    }

    public static async Task<Results<Created<PersonResponse>, ValidationProblem, ProblemHttpResult>> RegisterPerson(
        PersonRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (((Refusal?)await UnknownOrganisationsAsync(request, db, cancellationToken) ?? await SubjectTakenAsync(request, null, db, cancellationToken)) is { } refused)
        {
            return refused.AsCreation<Created<PersonResponse>>();
        }

        var person = Person.Register(request.ToDetails(), time.GetUtcNow());
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, person);
        return TypedResults.Created($"/api/registry/people/{person.Id}", PersonResponse.For(context.User)(person));
    }

    public static Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangePerson(
        Guid id, PersonRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Person, PersonResponse>(db, id, context, async person =>
        {
            if (((Refusal?)await UnknownOrganisationsAsync(request, db, cancellationToken) ?? await SubjectTakenAsync(request, id, db, cancellationToken)) is { } refused)
            {
                return refused;
            }

            person.Change(request.ToDetails(), time.GetUtcNow());
            return null;
        }, PersonResponse.For(context.User), cancellationToken);

    /// <summary>Removes a person entered in error; someone who holds or held a place is kept (end the membership instead).</summary>
    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemovePerson(Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<Person>(db, id, context, time, async person =>
            await db.Memberships.AnyAsync(m => m.PersonId == id && m.RemovedAt == null, cancellationToken)
                ? new RuleViolation(RegistryRules.PersonHasMemberships, $"{person.Name} has memberships on record; end them rather than remove the person.").ToProblem()
                : null,
            cancellationToken);

    /// <summary>409 when another live person already signs in as the request's subject: one sign-in, one person.</summary>
    private static async Task<ProblemHttpResult?> SubjectTakenAsync(PersonRequest request, Guid? self, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var subject = request.Subject?.Trim();
        return !string.IsNullOrEmpty(subject) && await db.People.AnyAsync(p => p.Subject == subject && p.RemovedAt == null && p.Id != self, cancellationToken)
            ? new RuleViolation(RegistryRules.SubjectTaken, $"Another person already signs in as '{subject}'; a sign-in belongs to one person.").ToProblem()
            : null;
    }

    /// <summary>A 400 naming organisations that are not live; the live ones are held (<see cref="RowLocks"/>) until commit.</summary>
    private static async Task<ValidationProblem?> UnknownOrganisationsAsync(PersonRequest request, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var named = (request.Affiliations ?? []).Select(a => a.OrganisationId).Distinct().ToList();
        await RowLocks.ForShareAsync<Organisations.Organisation>(db, named, cancellationToken);
        var known = await db.Organisations.Where(o => named.Contains(o.Id) && o.RemovedAt == null).Select(o => o.Id).ToListAsync(cancellationToken);
        var unknown = named.Except(known).ToList();
        return unknown.Count == 0
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Affiliations"] = [.. unknown.Select(u => $"No organisation {u}.")] });
    }
}

/// <summary>A person to register or the new description of one.</summary>
public sealed record PersonRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Person.NameMaxLength)] string? Name,
    bool Elected,
    [property: Email, StringLength(320)] string? Email,
    IReadOnlyList<AffiliationRequest>? Affiliations,
    [property: StringLength(Person.SubjectMaxLength)] string? Subject = null)
{
    public PersonDetails ToDetails() => new(Name!, Elected, Email,
        [.. (Affiliations ?? []).Select(a => new Affiliation { OrganisationId = a.OrganisationId, Title = string.IsNullOrWhiteSpace(a.Title) ? null : a.Title.Trim() })],
        Subject);
}

public sealed record AffiliationRequest(Guid OrganisationId, [property: StringLength(200)] string? Title);

/// <summary>
/// A person; <c>email</c> is shown only to those <see cref="PersonalData"/> allows (null otherwise), <c>subject</c> (their
/// sign-in) to platform administrators only.
/// </summary>
public sealed record PersonResponse(
    Guid Id, string Name, bool Elected, string? Email, IReadOnlyList<AffiliationRequest> Affiliations, DateTimeOffset UpdatedAt, string Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject = null)
{
    public static PersonResponse From(Person p) =>
        new(p.Id, p.Name, p.Elected, p.Email, [.. p.Affiliations.Select(a => new AffiliationRequest(a.OrganisationId, a.Title))], p.UpdatedAt, Versioning.ETagOf(p));

    /// <summary>The person as <paramref name="caller"/> may see them: with the sign-in subject for a platform administrator.</summary>
    public static Func<Person, PersonResponse> For(ClaimsPrincipal caller) =>
        caller.IsInRole(ConcordatRoles.PlatformAdmin) ? p => From(p) with { Subject = p.Subject } : From;
}
