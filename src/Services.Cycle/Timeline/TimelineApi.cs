using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Timeline;

public static class TimelineApi
{
    private const char TimelineOrder = 't';

    /// <summary>Maps <c>/api/cycle/issues/{id}/timeline</c>: where an issue is, who holds it, and what happened.</summary>
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cycle/issues/{id:guid}/timeline", GetTimeline).Public().WithTags("Issues").WithName(nameof(GetTimeline))
            .WithSummary("An issue's timeline, oldest first: every move, referral and response, who did it, when, from and to which holders.")
            .Produces<TimelineResponse>().ProducesValidationProblem().ProducesProblem(404);
        return app;
    }

    /// <summary>One page (<c>limit</c> 1–200, default 100) of the timeline, oldest first; <c>next</c> continues it.</summary>
    public static async Task<Results<Ok<TimelineResponse>, NotFound, ValidationProblem>> GetTimeline(
        Guid id, CycleDbContext db, CancellationToken cancellationToken, [FromQuery] int? limit = null, [FromQuery] string? cursor = null)
    {
        var size = limit ?? 100;
        if (size is < 1 or > ListQuery.MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        KeysetCursor? after = null;
        if (cursor is not null && (after = KeysetCursor.Parse(cursor, TimelineOrder)) is null)
        {
            return CycleProblems.Field("cursor", "The cursor is not one this timeline gave out.");
        }

        var issue = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (issue is null)
        {
            return TypedResults.NotFound();
        }

        var entries = db.Timeline.AsNoTracking().Where(e => e.IssueId == id);
        if (after is { } a)
        {
            entries = entries.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.At, e.Id), ValueTuple.Create(a.At, a.Id)));
        }

        var rows = await entries.OrderBy(e => e.At).ThenBy(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new KeysetCursor(TimelineOrder, page[^1].At, page[^1].Id).ToString() : null;
        return TypedResults.Ok(new TimelineResponse(id, issue.Title, issue.Stage, issue.HolderIds, [.. page.Select(TimelineItem.From)], next));
    }
}

/// <summary>An issue's state now and a page of what happened to it.</summary>
public sealed record TimelineResponse(Guid IssueId, string Title, IssueStage Stage, IReadOnlyList<Guid> Holders, IReadOnlyList<TimelineItem> Entries, string? Next);

/// <summary>
/// What happened: who did it (the name shown; the subject is kept for the audit), when, from and to which stage and
/// holders, and what it concerns: a referral, a decision, the bodies involved, or another issue (<c>relatedIssueId</c>:
/// a follow-up's parent on the follow-up's timeline, the follow-up on its parent's).
/// </summary>
public sealed record TimelineItem(
    Guid Id,
    DateTimeOffset At,
    TimelineEntryKind Kind,
    string By,
    IssueStage? FromStage,
    IssueStage? ToStage,
    IReadOnlyList<Guid> FromHolders,
    IReadOnlyList<Guid> ToHolders,
    Guid? ReferralId,
    Guid? DecisionId,
    IReadOnlyList<Guid> Bodies,
    string? Note,
    Guid? RelatedIssueId)
{
    public static TimelineItem From(TimelineEntry e) =>
        new(e.Id, e.At, e.Kind, e.By, e.FromStage, e.ToStage, e.FromHolders, e.ToHolders, e.ReferralId, e.DecisionId, e.Bodies, e.Note, e.RelatedIssueId);
}
