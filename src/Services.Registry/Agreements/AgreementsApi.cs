using System.ComponentModel.DataAnnotations;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Agreements;

public static class AgreementsApi
{
    /// <summary>Maps <c>/api/registry/agreements</c>: interagency agreements and protocols.</summary>
    public static IEndpointRouteBuilder MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var agreements = app.MapGroup("/api/registry/agreements").WithTags("Agreements");
        agreements.MapGet("/", ListAgreements).Public().WithName(nameof(ListAgreements));
        agreements.MapGet("/{id:guid}", GetAgreement).Public().WithName(nameof(GetAgreement)).ProducesProblem(404);
        agreements.MapPost("/", RecordAgreement).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RecordAgreement));
        agreements.MapPut("/{id:guid}", ChangeAgreement).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(ChangeAgreement)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        agreements.MapDelete("/{id:guid}", RemoveAgreement).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RemoveAgreement)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    /// <summary>Agreements, filtered by status, kind, a party (organisation or body) and <c>review_due_before</c>.</summary>
    public static Task<Results<Ok<Page<AgreementResponse>>, ValidationProblem>> ListAgreements(
        [AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken,
        [FromQuery] Wire<AgreementStatus>? status = null, [FromQuery] Wire<AgreementKind>? kind = null, [FromQuery] Guid? party = null,
        [FromQuery(Name = "review_due_before")] DateOnly? reviewDueBefore = null)
    {
        var agreements = db.Agreements.AsQueryable();
        if (status?.Value is { } s)
        {
            agreements = agreements.Where(a => a.Status == s);
        }

        if (kind?.Value is { } k)
        {
            agreements = agreements.Where(a => a.Kind == k);
        }

        if (party is { } p)
        {
            agreements = agreements.Where(a => a.Parties.Any(x => x.OrganisationId == p || x.BodyId == p));
        }

        if (reviewDueBefore is { } due)
        {
            agreements = agreements.Where(a => a.ReviewDate != null && a.ReviewDate < due);
        }

        return Paging.PageAsync(agreements, query, AgreementResponse.From, cancellationToken);
    }

    public static Task<Results<Ok<AgreementResponse>, NotFound>> GetAgreement(Guid id, RegistryDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Agreements, id, context, AgreementResponse.From, cancellationToken);

    public static async Task<Results<Created<AgreementResponse>, ValidationProblem>> RecordAgreement(
        AgreementRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await InvalidReferencesAsync(request, db, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var agreement = Agreement.Record(request.ToDetails(), time.GetUtcNow());
        db.Agreements.Add(agreement);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, agreement);
        return TypedResults.Created($"/api/registry/agreements/{agreement.Id}", AgreementResponse.From(agreement));
    }

    public static Task<Results<Ok<AgreementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAgreement(
        Guid id, AgreementRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.ChangeAsync<Agreement, AgreementResponse>(db, id, context, async agreement =>
        {
            if (await InvalidReferencesAsync(request, db, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            agreement.Change(request.ToDetails(), time.GetUtcNow());
            return null;
        }, AgreementResponse.From, cancellationToken);

    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveAgreement(Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<Agreement>(db, id, context, time, RecordResults.NothingInTheWay, cancellationToken);

    /// <summary>
    /// Each party names exactly one organisation or body that exists; each signatory a person that exists, and an
    /// organisation that exists if they signed on behalf of one (so the agreement's own export imports again). What is
    /// named is held (<see cref="RowLocks"/>) until commit, so it cannot be removed meanwhile.
    /// </summary>
    private static async Task<ValidationProblem?> InvalidReferencesAsync(AgreementRequest request, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parties = request.Parties ?? [];
        var signatories = request.Signatories ?? [];
        if (parties.Count == 0)
        {
            errors["Parties"] = ["An agreement has at least one party."];
        }

        var organisations = parties.Select(p => p.OrganisationId).Concat(signatories.Select(s => s.OnBehalfOfOrganisationId)).OfType<Guid>().ToList();
        await RowLocks.ForShareAsync<Bodies.Body>(db, parties.Select(p => p.BodyId).OfType<Guid>(), cancellationToken);
        await RowLocks.ForShareAsync<People.Person>(db, signatories.Select(s => s.PersonId), cancellationToken);
        await RowLocks.ForShareAsync<Organisations.Organisation>(db, organisations, cancellationToken);
        foreach (var (party, index) in parties.Select((p, i) => (p, i)))
        {
            if ((party.OrganisationId is null) == (party.BodyId is null))
            {
                errors[$"parties[{index}]"] = [$"Party {index + 1} names an organisation or a body: exactly one."];
            }
            else if (party.OrganisationId is { } o && !await db.Organisations.AnyAsync(x => x.Id == o && x.RemovedAt == null, cancellationToken))
            {
                errors[$"parties[{index}].organisationId"] = [$"Party {index + 1}: no organisation {o}."];
            }
            else if (party.BodyId is { } b && !await db.Bodies.AnyAsync(x => x.Id == b && x.RemovedAt == null, cancellationToken))
            {
                errors[$"parties[{index}].bodyId"] = [$"Party {index + 1}: no body {b}."];
            }
        }

        foreach (var (signatory, index) in signatories.Select((s, i) => (s, i)))
        {
            if (!await db.People.AnyAsync(p => p.Id == signatory.PersonId && p.RemovedAt == null, cancellationToken))
            {
                errors[$"signatories[{index}].personId"] = [$"Signatory {index + 1}: no person {signatory.PersonId}."];
            }

            if (signatory.OnBehalfOfOrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org && o.RemovedAt == null, cancellationToken))
            {
                errors[$"signatories[{index}].onBehalfOfOrganisationId"] = [$"Signatory {index + 1}: no organisation {org}."];
            }
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>An agreement to record, or its new terms.</summary>
public sealed record AgreementRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Agreement.TitleMaxLength)] string? Title,
    [property: Required] AgreementKind? Kind,
    [property: Required(AllowEmptyStrings = false), StringLength(4000), MultiLine] string? Purpose,
    [property: MultiLine] IReadOnlyList<string>? DesiredOutcomes,
    bool Binding,
    DateOnly? ReviewDate,
    AgreementStatus? Status,
    IReadOnlyList<PartyRequest>? Parties,
    IReadOnlyList<SignatoryRequest>? Signatories)
{
    public AgreementDetails ToDetails() => new(Title!, Kind!.Value, Purpose!, DesiredOutcomes ?? [], Binding, ReviewDate, Status ?? AgreementStatus.Draft,
        [.. (Parties ?? []).Select(p => new AgreementParty { OrganisationId = p.OrganisationId, BodyId = p.BodyId })],
        [.. (Signatories ?? []).Select(s => new Signatory { PersonId = s.PersonId, OnBehalfOfOrganisationId = s.OnBehalfOfOrganisationId, SignedOn = s.SignedOn })]);
}

public sealed record PartyRequest(Guid? OrganisationId, Guid? BodyId);

public sealed record SignatoryRequest(Guid PersonId, Guid? OnBehalfOfOrganisationId, DateOnly SignedOn);

public sealed record AgreementResponse(
    Guid Id,
    string Title,
    AgreementKind Kind,
    string Purpose,
    IReadOnlyList<string> DesiredOutcomes,
    bool Binding,
    DateOnly? ReviewDate,
    AgreementStatus Status,
    IReadOnlyList<PartyRequest> Parties,
    IReadOnlyList<SignatoryRequest> Signatories,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static AgreementResponse From(Agreement a) => new(a.Id, a.Title, a.Kind, a.Purpose, a.DesiredOutcomes, a.Binding, a.ReviewDate, a.Status,
        [.. a.Parties.Select(p => new PartyRequest(p.OrganisationId, p.BodyId))],
        [.. a.Signatories.Select(s => new SignatoryRequest(s.PersonId, s.OnBehalfOfOrganisationId, s.SignedOn))],
        a.UpdatedAt, Versioning.ETagOf(a));
}
