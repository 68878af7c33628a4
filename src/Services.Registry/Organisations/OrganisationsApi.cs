using System.ComponentModel.DataAnnotations;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Organisations;

public static class OrganisationsApi
{
    /// <summary>Maps <c>/api/registry/organisations</c>.</summary>
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/registry/organisations").WithTags("Organisations");
        organisations.MapGet("/", ListOrganisations).Public().WithName(nameof(ListOrganisations));
        organisations.MapGet("/{id:guid}", GetOrganisation).Public().WithName(nameof(GetOrganisation)).ProducesProblem(404);
        organisations.MapGet("/{id:guid}/bodies", BodiesOfOrganisation).Public().WithName(nameof(BodiesOfOrganisation)).ProducesProblem(404);
        organisations.MapPost("/", RegisterOrganisation).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RegisterOrganisation)).ProducesValidationProblem();
        organisations.MapPut("/{id:guid}", ChangeOrganisation).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(ChangeOrganisation)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        organisations.MapDelete("/{id:guid}", RemoveOrganisation).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RemoveOrganisation)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    public static Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem>> ListOrganisations(
        [AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken,
        [FromQuery] Wire<OrganisationKind>? kind = null,
        [FromQuery(Name = "duty_to_cooperate")] bool? dutyToCooperate = null,
        [FromQuery(Name = "q")] string? nameContains = null)
    {
        var organisations = db.Organisations.AsQueryable();
        if (kind?.Value is { } k)
        {
            organisations = organisations.Where(o => o.Kind == k);
        }

        if (dutyToCooperate is { } duty)
        {
            organisations = organisations.Where(o => o.DutyToCooperate == duty);
        }

        if (!string.IsNullOrWhiteSpace(nameContains))
        {
            var pattern = NameSearch.ContainsPattern(nameContains);
            organisations = organisations.Where(o => EF.Functions.ILike(o.Name, pattern, NameSearch.Escape));
        }

        return Paging.PageAsync(organisations, query, OrganisationResponse.From, cancellationToken);
    }

    public static Task<Results<Ok<OrganisationResponse>, NotFound>> GetOrganisation(Guid id, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Organisations, id, context, OrganisationResponse.From, cancellationToken);

    /// <summary>Every place held on behalf of the organisation today (or on <paramref name="on"/>): the bodies it sits on, and who sits for it.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SeatHeld>>, NotFound>> BodiesOfOrganisation(Guid id, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery] DateOnly? on = null)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id && o.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var day = on ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<SeatHeld>>(await SeatHeld.QueryAsync(db, db.Memberships.Where(m => m.OnBehalfOfOrganisationId == id), day, cancellationToken));
    }

    public static async Task<Created<OrganisationResponse>> RegisterOrganisation(
        OrganisationRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var organisation = Organisation.Register(request.ToDetails(), time.GetUtcNow());
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, organisation);
        return TypedResults.Created($"/api/registry/organisations/{organisation.Id}", OrganisationResponse.From(organisation));
    }

    public static Task<Results<Ok<OrganisationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeOrganisation(
        Guid id, OrganisationRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Organisation, OrganisationResponse>(db, id, context, organisation =>
        {
            organisation.Change(request.ToDetails(), time.GetUtcNow());
            return Task.FromResult<Refusal?>(null);
        }, OrganisationResponse.From, cancellationToken);

    /// <summary>Removes an organisation nobody sits for and no body depends on; it stays as a tombstone for sync.</summary>
    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveOrganisation(
        Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<Organisation>(db, id, context, time, async organisation =>
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            // The organisation's row is locked (RecordResults), so nobody can start relying on it while this looks.
            var inUse = await db.Bodies.AnyAsync(b => b.SupportingOrganisationId == id && b.RemovedAt == null, cancellationToken)
                || await db.Memberships.AnyAsync(m => m.OnBehalfOfOrganisationId == id && m.RemovedAt == null && (m.EndsOn == null || m.EndsOn >= today), cancellationToken)
                || await db.People.AnyAsync(p => p.RemovedAt == null && p.Affiliations.Any(a => a.OrganisationId == id), cancellationToken)
                || await db.Agreements.AnyAsync(a => a.RemovedAt == null
                    && (a.Parties.Any(p => p.OrganisationId == id) || a.Signatories.Any(s => s.OnBehalfOfOrganisationId == id)), cancellationToken);
            return inUse
                ? new RuleViolation(RegistryRules.OrganisationInUse,
                    $"{organisation.Name} supports a body, has someone sitting on its behalf, has people affiliated to it or is named in an agreement; change those first.").ToProblem()
                : null;
        }, cancellationToken);
}

/// <summary>An organisation to register or the new description of one.</summary>
public sealed record OrganisationRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Organisation.NameMaxLength)] string? Name,
    [property: StringLength(Organisation.ShortNameMaxLength)] string? ShortName,
    [property: Required] OrganisationKind? Kind,
    bool DutyToCooperate,
    [property: WebAddress] string? Website)
{
    public OrganisationDetails ToDetails() => new(Name!, ShortName, Kind!.Value, DutyToCooperate, Website is null ? null : new Uri(Website));
}

public sealed record OrganisationResponse(
    Guid Id, string Name, string? ShortName, OrganisationKind Kind, bool DutyToCooperate, Uri? Website, DateTimeOffset UpdatedAt, string Version)
{
    public static OrganisationResponse From(Organisation o) =>
        new(o.Id, o.Name, o.ShortName, o.Kind, o.DutyToCooperate, o.Website, o.UpdatedAt, Versioning.ETagOf(o));
}
