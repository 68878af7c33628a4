using System.ComponentModel.DataAnnotations;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Cycle.Evaluations;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Issues;

public static class IssuesApi
{
    /// <summary>Maps <c>/api/cycle/issues</c>: raising issues, reading them, and moving them through the cycle.</summary>
    public static IEndpointRouteBuilder MapIssuesApi(this IEndpointRouteBuilder app)
    {
        var issues = app.MapGroup("/api/cycle/issues").WithTags("Issues");
        issues.MapGet("/", ListIssues).Public().WithName(nameof(ListIssues))
            .WithSummary("Issues, filtered by stage, holder, kind, theme and area; modified_since for sync.")
            .Produces<Page<IssueResponse>>().ProducesValidationProblem();
        issues.MapGet("/{id:guid}", GetIssue).Public().WithName(nameof(GetIssue))
            .WithSummary("One issue, with its version as the ETag.")
            .Produces<IssueResponse>().ProducesProblem(404);
        issues.MapPost("/", RaiseIssue).RequireBodyRole(RaisingBody, CycleAccess.ActForBody).WithName(nameof(RaiseIssue))
            .WithSummary("Raises an issue into deliberation, held by one body or jointly by several.")
            .Produces<IssueResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        issues.MapPost("/{id:guid}/moves", MoveIssue).RequireBodyRole(CycleAccess.IssueHolder, CycleAccess.ActForBody).WithName(nameof(MoveIssue))
            .WithSummary("Moves an issue to another stage and holder (If-Match), or closes it with a reason; from evaluation, only once an evaluation of it is completed (409 evaluation-required-before-close).")
            .Produces<IssueResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    /// <summary>The body a new issue is raised for: the raising body, or when an organisation raised it, the first holder.</summary>
    public static readonly BodyResolver RaisingBody = BodyFrom.Argument<RaiseIssueRequest>(r => r.RaisedByBodyId ?? (r.Holders is { Count: > 0 } holders ? holders[0] : null));

    public static Task<Results<Ok<Page<IssueResponse>>, ValidationProblem>> ListIssues(
        [AsParameters] ListQuery query, CycleDbContext db, CancellationToken cancellationToken,
        [FromQuery] Wire<IssueStage>? stage = null,
        [FromQuery] Guid? holder = null,
        [FromQuery] Wire<IssueKind>? kind = null,
        [FromQuery] string? theme = null,
        [FromQuery] Guid? area = null)
    {
        var issues = db.Issues.AsQueryable();
        if (stage?.Value is { } s)
        {
            issues = issues.Where(i => i.Stage == s);
        }

        if (holder is { } h)
        {
            issues = issues.Where(i => i.Holders.Any(x => x.BodyId == h));
        }

        if (kind?.Value is { } k)
        {
            issues = issues.Where(i => i.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(theme))
        {
            var t = theme.Trim();
            issues = issues.Where(i => i.Themes.Contains(t));
        }

        if (area is { } a)
        {
            issues = issues.Where(i => i.Areas.Contains(a));
        }

        return Paging.PageAsync(issues, query, IssueResponse.From, cancellationToken);
    }

    public static Task<Results<Ok<IssueResponse>, NotFound>> GetIssue(Guid id, CycleDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Issues, id, context, IssueResponse.From, cancellationToken);

    /// <summary>Raises an issue if its holders may hold deliberation (409 naming the rule otherwise); announces <c>IssueRaised</c>.</summary>
    public static async Task<Results<Created<IssueResponse>, ValidationProblem, ProblemHttpResult>> RaiseIssue(
        RaiseIssueRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var (issue, refused) = await RaiseAsync(request, db, time, actor, cancellationToken);
        if (refused is not null)
        {
            return refused.AsCreation<Created<IssueResponse>>();
        }

        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, issue!);
        return TypedResults.Created($"/api/cycle/issues/{issue!.Id}", IssueResponse.From(issue));
    }

    /// <summary>
    /// The one write path of a new issue, for raising one and for raising a follow-up: checks the request, raises the issue
    /// into deliberation if its holders may hold it, and adds it, its <c>Raised</c> timeline entry and <c>IssueRaised</c> to
    /// <paramref name="db"/> (the caller saves, with whatever else it adds). The issue, or why it was refused.
    /// </summary>
    public static async Task<(Issue? Issue, Refusal? Refused)> RaiseAsync(
        RaiseIssueRequest request, CycleDbContext db, TimeProvider time, Actor actor, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return (null, invalid);
        }

        if (request.ParentIssueId is { } parent && !await db.Issues.AnyAsync(i => i.Id == parent && i.RemovedAt == null, cancellationToken))
        {
            return (null, CycleProblems.Field("parentIssueId", $"No issue {parent}."));
        }

        var today = StatutoryCalendar.UkToday(time);
        if (request.RaisedByBodyId is { } raiser && (await HolderCandidates.LoadAsync(db, [raiser], today, cancellationToken)).Unknown is { } unknownRaiser)
        {
            return (null, unknownRaiser.AsProblem());
        }

        var (holders, unknown) = await HolderCandidates.LoadAsync(db, request.Holders!, today, cancellationToken);
        if (unknown is not null)
        {
            return (null, unknown.AsProblem());
        }

        var now = time.GetUtcNow();
        var (issue, violation) = Issue.Raise(request.ToDetails(), holders, now);
        if (violation is not null)
        {
            return (null, violation.AsProblem());
        }

        db.Issues.Add(issue!);
        db.Timeline.Add(TimelineEntry.Of(issue!.Id, TimelineEntryKind.Raised, actor, now, toStage: issue.Stage, toHolders: issue.HolderIds));
        db.AddIntegrationEvent(new IssueRaised
        {
            Subject = Subject(issue.Id),
            IssueId = issue.Id,
            Title = issue.Title,
            Kind = StageRules.Wire(issue.Kind),
            Stage = StageRules.Wire(issue.Stage),
            Holders = issue.HolderIds,
            RaisedByBodyId = issue.RaisedByBodyId,
            RaisedByOrganisationId = issue.RaisedByOrganisationId,
            ParentIssueId = issue.ParentIssueId,
            Themes = [.. issue.Themes],
            Areas = [.. issue.Areas],
            DueOn = issue.DueOn,
            RaisedBy = actor.Name,
        });
        return (issue, null);
    }

    /// <summary>
    /// Moves an issue (If-Match) if <see cref="StageRules.Move"/> allows it: 409 naming the rule otherwise, or
    /// <c>stale-version</c> when another change won. Announces <c>IssueMoved</c>, or <c>IssueClosed</c>.
    /// </summary>
    public static async Task<Results<Ok<IssueResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveIssue(
        Guid id, MoveRequest request, CycleDbContext db, IDecisionsInEffect decisions, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var to = request.To!.Value;
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        return await RecordResults.ChangeAsync<Issue, IssueResponse>(db, id, context, async issue =>
        {
            IReadOnlyList<HolderCandidate> holders = [];
            if (to != IssueStage.Closed)
            {
                (holders, var unknown) = await HolderCandidates.LoadAsync(db, request.Holders!, StatutoryCalendar.UkToday(time), cancellationToken, taskGroupsOf: issue.Id);
                if (unknown is not null)
                {
                    return unknown.AsProblem();
                }
            }

            // The normal end of the cycle (evaluation to closed) needs a completed evaluation; closing earlier, for a reason, does not.
            var evaluated = to == IssueStage.Closed && issue.Stage == IssueStage.Evaluation
                && await db.Evaluations.AnyAsync(e => e.IssueId == issue.Id && e.CompletedAt != null && e.RemovedAt == null, cancellationToken);
            if (to == IssueStage.Closed && EvaluationRules.MayClose(issue.Stage, evaluated) is { } unevaluated)
            {
                return unevaluated.AsProblem();
            }

            var inEffect = to == IssueStage.Implementation && await decisions.AnyForAsync(issue.Id, cancellationToken);
            var (from, fromHolders) = (issue.Stage, issue.HolderIds);
            var now = time.GetUtcNow();
            if (issue.MoveTo(to, holders, inEffect, request.Reason, request.DueOn, now) is { } violation)
            {
                return violation.AsProblem();
            }

            var closed = to == IssueStage.Closed;
            db.Timeline.Add(TimelineEntry.Of(issue.Id, closed ? TimelineEntryKind.Closed : TimelineEntryKind.Moved, actor, now,
                fromStage: from, toStage: to, fromHolders: fromHolders, toHolders: closed ? [] : issue.HolderIds, note: request.Reason?.Trim()));
            if (closed)
            {
                db.AddIntegrationEvent(new IssueClosed
                {
                    Subject = Subject(issue.Id), IssueId = issue.Id, FromStage = StageRules.Wire(from), Holders = fromHolders,
                    Reason = issue.ClosedReason!, ClosedBy = actor.Name,
                });
            }
            else
            {
                db.AddIntegrationEvent(new IssueMoved
                {
                    Subject = Subject(issue.Id), IssueId = issue.Id, FromStage = StageRules.Wire(from), ToStage = StageRules.Wire(to),
                    FromHolders = fromHolders, ToHolders = issue.HolderIds, Reason = request.Reason?.Trim(), DueOn = issue.DueOn, MovedBy = actor.Name,
                });
            }

            return null;
        }, IssueResponse.From, cancellationToken);
    }

    public static string Subject(Guid issueId) => $"issues/{issueId}";
}

/// <summary>An issue to raise. It enters deliberation, held by <see cref="Holders"/>; raised by a body or an organisation.</summary>
public sealed record RaiseIssueRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Issue.TitleMaxLength)] string? Title,
    [property: StringLength(Issue.DescriptionMaxLength), MultiLine] string? Description,
    [property: Required] IssueKind? Kind,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<Guid>? Areas,
    Guid? RaisedByBodyId,
    Guid? RaisedByOrganisationId,
    Guid? ParentIssueId,
    [property: Required] IReadOnlyList<Guid>? Holders,
    DateOnly? DueOn)
{
    public const int MaxListLength = 50;

    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the issue a title."];
        }

        if ((RaisedByBodyId is null) == (RaisedByOrganisationId is null))
        {
            errors["raisedByBodyId"] = ["An issue is raised by a body or by an organisation: give one of raisedByBodyId and raisedByOrganisationId."];
        }

        if (Holders is null || Holders.Count == 0)
        {
            errors["holders"] = ["Name the body (or bodies, jointly) that will deliberate on it."];
        }
        else if (Holders.Count > MaxListLength)
        {
            errors["holders"] = [$"At most {MaxListLength} bodies may hold an issue jointly."];
        }

        if (Themes is { Count: > MaxListLength })
        {
            errors["themes"] = [$"At most {MaxListLength} themes."];
        }

        for (var i = 0; i < (Themes?.Count ?? 0) && i < MaxListLength; i++)
        {
            if (string.IsNullOrWhiteSpace(Themes![i]) || Themes[i].Trim().Length > Issue.ThemeMaxLength)
            {
                errors[$"themes[{i}]"] = [$"A theme is a word or phrase of 1 to {Issue.ThemeMaxLength} characters."];
            }
        }

        if (Areas is { Count: > MaxListLength })
        {
            errors["areas"] = [$"At most {MaxListLength} areas."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    public IssueDetails ToDetails() => new(Title!, Description, Kind!.Value, Themes ?? [], Areas ?? [], RaisedByBodyId, RaisedByOrganisationId, ParentIssueId, DueOn);
}

/// <summary>
/// A move: the stage to go to and the bodies to hold it (not needed to close), with a reason (needed to close, and
/// kept on the timeline for any move) and, optionally, a new due date.
/// </summary>
public sealed record MoveRequest(
    [property: Required] IssueStage? To,
    IReadOnlyList<Guid>? Holders,
    [property: StringLength(Issue.ReasonMaxLength), MultiLine] string? Reason,
    DateOnly? DueOn)
{
    public ValidationProblem? Invalid()
    {
        if (To == IssueStage.Closed)
        {
            return string.IsNullOrWhiteSpace(Reason) ? CycleProblems.Field("reason", "Say why the issue is being closed.") : null;
        }

        return Holders switch
        {
            null or { Count: 0 } => CycleProblems.Field("holders", "Name the body that will hold the issue in its new stage."),
            { Count: > RaiseIssueRequest.MaxListLength } => CycleProblems.Field("holders", $"At most {RaiseIssueRequest.MaxListLength} bodies."),
            _ => null,
        };
    }
}

public sealed record IssueResponse(
    Guid Id,
    string Title,
    string? Description,
    IssueKind Kind,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> Areas,
    Guid? RaisedByBodyId,
    Guid? RaisedByOrganisationId,
    Guid? ParentIssueId,
    IssueStage Stage,
    IReadOnlyList<Guid> Holders,
    DateOnly? DueOn,
    string? ClosedReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static IssueResponse From(Issue i) => new(i.Id, i.Title, i.Description, i.Kind, i.Themes, i.Areas, i.RaisedByBodyId, i.RaisedByOrganisationId,
        i.ParentIssueId, i.Stage, i.HolderIds, i.DueOn, i.ClosedReason, i.CreatedAt, i.UpdatedAt, Versioning.ETagOf(i));
}
