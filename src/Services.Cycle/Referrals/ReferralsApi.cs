using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Referrals;

/// <summary>A body's tier, as the registry names it.</summary>
public enum SelectionTier
{
    Region,
    County,
    District,
    Neighbourhood,
}

/// <summary>A body's scope, as the registry names it.</summary>
public enum SelectionScope
{
    Geographic,
    Thematic,
    Sectoral,
}

/// <summary>A cycle role, as the registry names it.</summary>
public enum SelectionRole
{
    Deliberative,
    Authorising,
    Executive,
    Delivery,
    Scrutiny,
}

/// <summary>
/// "All district LSPs" (<c>tier: district, scope: geographic</c>), "every thematic partnership" (<c>scope: thematic</c>):
/// the active bodies matching every filter given, resolved from the cycle's read model of the registry when the
/// referral is made. The referring body is never among them.
/// </summary>
public sealed record ReferralSelection(SelectionTier? Tier, SelectionScope? Scope, SelectionRole? Role)
{
    public bool IsEmpty => Tier is null && Scope is null && Role is null;

    public override string ToString() => string.Join(", ", new[]
    {
        Tier is { } t ? "tier=" + Wire(t) : null, Scope is { } s ? "scope=" + Wire(s) : null, Role is { } r ? "role=" + Wire(r) : null,
    }.Where(p => p is not null));

    public static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

public static class ReferralsApi
{
    /// <summary>Maps referrals: made on an issue, answered by each body asked, synthesised, and chased when overdue.</summary>
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cycle/issues/{id:guid}/referrals", MakeReferral).RequireBodyRole(Referrer, CycleAccess.ActForBody)
            .WithTags("Referrals").WithName(nameof(MakeReferral))
            .WithSummary("The holder asks bodies, named or selected, to consider the issue and report back by a date.")
            .Produces<ReferralResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        app.MapGet("/api/cycle/issues/{id:guid}/referrals", ListReferralsOfIssue).Public()
            .WithTags("Referrals").WithName(nameof(ListReferralsOfIssue))
            .WithSummary("An issue's referrals, oldest first, with each body's response.")
            .Produces<IReadOnlyList<ReferralResponse>>().ProducesProblem(404);

        var referrals = app.MapGroup("/api/cycle/referrals").WithTags("Referrals");
        referrals.MapGet("/overdue", OverdueReferrals).Public().WithName(nameof(OverdueReferrals))
            .WithSummary("Responses past their due date, across the county, most overdue first.")
            .Produces<OverdueReferralsResponse>().ProducesValidationProblem();
        referrals.MapGet("/{id:guid}", GetReferral).Public().WithName(nameof(GetReferral))
            .WithSummary("One referral with each body's response.")
            .Produces<ReferralResponse>().ProducesProblem(404);
        referrals.MapPost("/{id:guid}/responses", AnswerReferral).RequireBodyRole(BodyFrom.Argument<ReferralAnswerRequest>(r => r.BodyId), CycleAccess.ActForBody)
            .WithName(nameof(AnswerReferral))
            .WithSummary("A referred body's response: its findings, whether it is a real problem in its area, what it proposes.")
            .Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        referrals.MapPost("/{id:guid}/synthesis", SynthesiseReferral).RequireBodyRole(CycleAccess.Synthesiser, CycleAccess.ActForBody)
            .WithName(nameof(SynthesiseReferral))
            .WithSummary("The named body's synthesis of the responses.")
            .Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    /// <summary>The body making a referral: the one named, else the holder of the issue the caller acts for.</summary>
    public static readonly BodyResolver Referrer = async context =>
        context.Arguments.OfType<ReferralRequest>().FirstOrDefault()?.ReferredByBodyId ?? await CycleAccess.IssueHolder(context);

    /// <summary>
    /// Makes a referral from a holder of the issue to the bodies named and selected (409 naming the rule when one is
    /// dissolved or unknown, or the selection matches nobody); announces <c>ReferralMade</c>.
    /// </summary>
    public static async Task<Results<Created<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MakeReferral(
        Guid id, ReferralRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        if (request.Invalid(today) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held, so a move cannot take the issue from the referring holder while the referral is made.
        await RowLocks.ForShareAsync<Issue>(db, [id], cancellationToken);
        var issue = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (issue is null)
        {
            return TypedResults.NotFound();
        }

        if (issue.Stage == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; nothing more is referred on it.").AsProblem();
        }

        var referrer = request.ReferredByBodyId ?? (issue.HolderIds.Count == 1 ? issue.HolderIds[0] : (Guid?)null);
        if (referrer is null)
        {
            return CycleProblems.Field("referredByBodyId", "The issue is held jointly: say which holder makes the referral.");
        }

        if (!issue.HolderIds.Contains(referrer.Value))
        {
            return new RuleViolation("referrer-not-holder", $"Only a body holding the issue refers it; {referrer} does not hold it.").AsProblem();
        }

        // The named bodies in one read; one the cycle has not heard of is named with no candidate, for the rule to refuse.
        var namedIds = (request.BodyIds ?? []).Distinct().ToList();
        var known = await HolderCandidates.KnownAsync(db, namedIds, today, cancellationToken);
        var named = namedIds.Select(id => (id, known.GetValueOrDefault(id))).ToList();

        var selected = request.Selection is { IsEmpty: false } selection ? await SelectAsync(db, selection, referrer.Value, today, cancellationToken) : [];
        var (bodies, violation) = ReferralRules.Recipients(named, selected, request.Selection is { IsEmpty: false });
        if (violation is not null)
        {
            return violation.AsProblem();
        }

        if (request.SynthesisedByBodyId is { } synthesiser)
        {
            var (found, unknown) = await HolderCandidates.LoadAsync(db, [synthesiser], today, cancellationToken);
            if ((unknown ?? (found[0].Dissolved ? new RuleViolation("synthesiser-dissolved", $"{found[0].Name} has been dissolved; name another body to synthesise.") : null)) is { } refused)
            {
                return refused.AsProblem();
            }
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var referralId = Guid.CreateVersion7(now);
        var referral = new Referral
        {
            Id = referralId,
            IssueId = id,
            ReferredByBodyId = referrer.Value,
            Question = string.IsNullOrWhiteSpace(request.Question) ? null : request.Question.Trim(),
            DueOn = request.DueOn!.Value,
            SynthesisedByBodyId = request.SynthesisedByBodyId,
            Selection = request.Selection is { IsEmpty: false } s ? s.ToString() : null,
            MadeAt = now,
            MadeBy = actor.Name,
            Recipients = [.. bodies.Select(b => new ReferralRecipient { ReferralId = referralId, BodyId = b.Id, IssueId = id, DueOn = request.DueOn!.Value })],
        };
        db.Referrals.Add(referral);
        db.Timeline.Add(TimelineEntry.Of(id, TimelineEntryKind.ReferralMade, actor, now, fromHolders: [referrer.Value], referralId: referralId,
            bodies: bodies.Select(b => b.Id), note: Shorten(referral.Question)));
        db.AddIntegrationEvent(new ReferralMade
        {
            Subject = Subject(referralId), ReferralId = referralId, IssueId = id, ReferredByBodyId = referrer.Value,
            Bodies = [.. bodies.Select(b => b.Id)], SynthesisedByBodyId = referral.SynthesisedByBodyId, DueOn = referral.DueOn, MadeBy = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/cycle/referrals/{referralId}", ReferralResponse.From(referral, today));
    }

    public static async Task<Results<Ok<List<ReferralResponse>>, NotFound>> ListReferralsOfIssue(Guid id, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Issues.AnyAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        // An issue has a handful of referrals; capped all the same.
        var referrals = await db.Referrals.AsNoTracking().Where(r => r.IssueId == id).OrderBy(r => r.MadeAt).ThenBy(r => r.Id)
            .Take(ListQuery.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(referrals.Select(r => ReferralResponse.From(r, today)).ToList());
    }

    public static async Task<Results<Ok<ReferralResponse>, NotFound>> GetReferral(Guid id, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return referral is null ? TypedResults.NotFound() : TypedResults.Ok(ReferralResponse.From(referral, StatutoryCalendar.UkToday(time)));
    }

    /// <summary>Responses still awaited after their due date (UK day), on issues not closed; at most <c>limit</c> (1–200, default 100).</summary>
    public static async Task<Results<Ok<OverdueReferralsResponse>, ValidationProblem>> OverdueReferrals(CycleDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery] int? limit = null)
    {
        var size = limit ?? 100;
        if (size is < 1 or > ListQuery.MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        var today = StatutoryCalendar.UkToday(time);
        var rows = await OverdueQuery(db, today)
            .OrderBy(o => o.Recipient.DueOn).ThenBy(o => o.Recipient.ReferralId).ThenBy(o => o.Recipient.BodyId)
            .Take(size + 1)
            .Select(o => new { o.Recipient.ReferralId, o.Recipient.IssueId, IssueTitle = o.Issue.Title, o.Recipient.BodyId, BodyName = o.Body != null ? o.Body.Name : null, o.Recipient.DueOn })
            .ToListAsync(cancellationToken);
        var items = rows.Take(size)
            .Select(r => new OverdueReferral(r.ReferralId, r.IssueId, r.IssueTitle, r.BodyId, r.BodyName, r.DueOn, today.DayNumber - r.DueOn.DayNumber))
            .ToList();
        return TypedResults.Ok(new OverdueReferralsResponse(today, items, rows.Count > size));
    }

    /// <summary>Records a referred body's response (409 if it was not asked or already answered); announces <c>ReferralAnswered</c>.</summary>
    public static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerReferral(
        Guid id, ReferralAnswerRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var bodyId = request.BodyId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One answer per body however many arrive at once: the second waits here, then finds the first.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM referral_recipients WHERE referral_id = {id} AND body_id = {bodyId} FOR UPDATE", cancellationToken);
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        var recipient = referral.Recipients.SingleOrDefault(r => r.BodyId == bodyId);
        if (recipient is null)
        {
            return new RuleViolation("body-not-referred", $"The referral did not ask body {bodyId}.").AsProblem();
        }

        if (await db.Issues.AnyAsync(i => i.Id == referral.IssueId && i.Stage == IssueStage.Closed, cancellationToken))
        {
            return new RuleViolation("issue-closed", "The issue is closed; its referrals take no more responses.").AsProblem();
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        if (recipient.Answer(request.Findings!, request.RealProblemInArea!.Value, request.Proposes, actor.Name, now) is { } violation)
        {
            return violation.AsProblem();
        }

        db.Timeline.Add(TimelineEntry.Of(referral.IssueId, TimelineEntryKind.ReferralAnswered, actor, now, referralId: id, bodies: [bodyId],
            note: request.RealProblemInArea.Value ? "A real problem in its area." : "Not a real problem in its area."));
        db.AddIntegrationEvent(new ReferralAnswered
        {
            Subject = Subject(id), ReferralId = id, IssueId = referral.IssueId, BodyId = bodyId, RealProblemInArea = request.RealProblemInArea.Value,
            StillAwaited = referral.Recipients.Count(r => !r.Answered), AnsweredBy = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ReferralResponse.From(referral, StatutoryCalendar.UkToday(time)));
    }

    /// <summary>Records the named body's synthesis of the responses (409 when none was named); on the timeline.</summary>
    public static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SynthesiseReferral(
        Guid id, SynthesisRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Summary))
        {
            return CycleProblems.Field("summary", "Give the synthesis of the responses.");
        }

        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        if (referral.Synthesise(request.Summary, now) is { } violation)
        {
            return violation.AsProblem();
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        db.Timeline.Add(TimelineEntry.Of(referral.IssueId, TimelineEntryKind.ReferralSynthesised, actor, now, referralId: id,
            bodies: [referral.SynthesisedByBodyId!.Value], note: Shorten(referral.Synthesis)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ReferralResponse.From(referral, StatutoryCalendar.UkToday(time)));
    }

    /// <summary>The responses awaited past their due date, on open issues, with the issue and (if known) the body.</summary>
    internal static IQueryable<OverdueRow> OverdueQuery(CycleDbContext db, DateOnly today) =>
        from recipient in db.ReferralRecipients
        where recipient.AnsweredAt == null && recipient.DueOn < today
        join issue in db.Issues on recipient.IssueId equals issue.Id
        where issue.Stage != IssueStage.Closed && issue.RemovedAt == null
        join body in db.Bodies on recipient.BodyId equals body.Id into bodies
        from body in bodies.DefaultIfEmpty()
        select new OverdueRow { Recipient = recipient, Issue = issue, Body = body };

    public static string Subject(Guid referralId) => $"referrals/{referralId}";

    private static string? Shorten(string? text) => text is null || text.Length <= 500 ? text : text[..497] + "...";

    private static async Task<IReadOnlyList<HolderCandidate>> SelectAsync(
        CycleDbContext db, ReferralSelection selection, Guid referrer, DateOnly today, CancellationToken cancellationToken)
    {
        var bodies = db.Bodies.AsNoTracking().Where(b => b.Id != referrer && (b.DissolvedOn == null || b.DissolvedOn > today));
        if (selection.Tier is { } tier)
        {
            var t = ReferralSelection.Wire(tier);
            bodies = bodies.Where(b => b.Tier == t);
        }

        if (selection.Scope is { } scope)
        {
            var s = ReferralSelection.Wire(scope);
            bodies = bodies.Where(b => b.Scope == s);
        }

        if (selection.Role is { } role)
        {
            var r = ReferralSelection.Wire(role);
            bodies = bodies.Where(b => b.Roles.Contains(r));
        }

        // A county has dozens of bodies; the cap keeps a careless selection bounded.
        var found = await bodies.OrderBy(b => b.Name).Take(ReferralRequest.MaxBodies).ToListAsync(cancellationToken);
        return [.. found.Select(b => new HolderCandidate(b.Id, b.Name, b.Roles, Dissolved: false))];
    }
}

internal sealed class OverdueRow
{
    public required ReferralRecipient Recipient { get; init; }

    public required Issue Issue { get; init; }

    public Registry.ReadModel.KnownBody? Body { get; init; }
}

/// <summary>
/// A referral to make: the bodies to ask, named (<see cref="BodyIds"/>) or selected (<see cref="Selection"/>) or both, the
/// date to report back by, the question, and the body that will synthesise the responses.
/// </summary>
public sealed record ReferralRequest(
    Guid? ReferredByBodyId,
    IReadOnlyList<Guid>? BodyIds,
    ReferralSelection? Selection,
    [property: Required] DateOnly? DueOn,
    [property: StringLength(Referral.QuestionMaxLength), MultiLine] string? Question,
    Guid? SynthesisedByBodyId)
{
    public const int MaxBodies = 100;

    public ValidationProblem? Invalid(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (DueOn is null)
        {
            errors["dueOn"] = ["Say by when the bodies should report back."];
        }
        else if (DueOn < today)
        {
            errors["dueOn"] = [$"The date to report back by has passed (today is {today:yyyy-MM-dd})."];
        }

        if ((BodyIds is null || BodyIds.Count == 0) && (Selection is null || Selection.IsEmpty))
        {
            errors["bodyIds"] = ["Name the bodies to ask, or give a selection of them."];
        }
        else if (BodyIds is { Count: > MaxBodies })
        {
            errors["bodyIds"] = [$"At most {MaxBodies} bodies."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>A referred body's response.</summary>
public sealed record ReferralAnswerRequest(
    [property: Required] Guid? BodyId,
    [property: Required(AllowEmptyStrings = false), StringLength(Referral.TextMaxLength), MultiLine] string? Findings,
    [property: Required] bool? RealProblemInArea,
    [property: StringLength(Referral.TextMaxLength), MultiLine] string? Proposes)
{
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (BodyId is null)
        {
            errors["bodyId"] = ["Say which referred body is answering."];
        }

        if (string.IsNullOrWhiteSpace(Findings))
        {
            errors["findings"] = ["Give the body's findings."];
        }

        if (RealProblemInArea is null)
        {
            errors["realProblemInArea"] = ["Say whether it is a real problem in the body's area."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>The synthesis of a referral's responses.</summary>
public sealed record SynthesisRequest([property: Required(AllowEmptyStrings = false), StringLength(Referral.TextMaxLength), MultiLine] string? Summary);

public sealed record ReferralResponse(
    Guid Id,
    Guid IssueId,
    Guid ReferredByBodyId,
    string? Question,
    DateOnly DueOn,
    string? Selection,
    Guid? SynthesisedByBodyId,
    string? Synthesis,
    DateTimeOffset? SynthesisedAt,
    DateTimeOffset MadeAt,
    string MadeBy,
    IReadOnlyList<ReferredBody> Bodies)
{
    public static ReferralResponse From(Referral r, DateOnly today) => new(r.Id, r.IssueId, r.ReferredByBodyId, r.Question, r.DueOn, r.Selection,
        r.SynthesisedByBodyId, r.Synthesis, r.SynthesisedAt, r.MadeAt, r.MadeBy,
        [.. r.Recipients.OrderBy(b => b.BodyId).Select(b => new ReferredBody(b.BodyId, b.Answered, !b.Answered && b.DueOn < today,
            b.AnsweredAt, b.AnsweredBy, b.Findings, b.RealProblemInArea, b.Proposes))]);
}

/// <summary>A body asked by a referral, and its response once given.</summary>
public sealed record ReferredBody(
    Guid BodyId, bool Answered, bool Overdue, DateTimeOffset? AnsweredAt, string? AnsweredBy, string? Findings, bool? RealProblemInArea, string? Proposes);

public sealed record OverdueReferral(Guid ReferralId, Guid IssueId, string IssueTitle, Guid BodyId, string? BodyName, DateOnly DueOn, int DaysOverdue);

/// <summary>Overdue responses as of <see cref="Today"/> (UK); <see cref="Truncated"/> when there are more than the limit.</summary>
public sealed record OverdueReferralsResponse(DateOnly Today, IReadOnlyList<OverdueReferral> Items, bool Truncated);
