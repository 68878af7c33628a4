using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Meetings;
using Concordat.Cycle.Proposals;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Holding;

public static class HoldingApi
{
    /// <summary>At most this many issues and this many awaited responses are listed; <c>truncated</c> says when there were more.</summary>
    public const int Limit = 200;

    /// <summary>Maps <c>/api/cycle/bodies/{id}/holding</c>: what a body is holding now, and what is due from it.</summary>
    public static IEndpointRouteBuilder MapHoldingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cycle/bodies/{id:guid}/holding", GetHolding).Public().WithTags("Bodies").WithName(nameof(GetHolding))
            .WithSummary("What the body is holding now, by stage, the referrals awaiting its response with their due dates, and the proposals on its coming agendas.")
            .Produces<HoldingResponse>().ProducesProblem(404);
        return app;
    }

    /// <summary>
    /// The review's central question: "what role or task is this partnership playing now". Issues it holds by stage (soonest
    /// due first), referrals awaiting its response (soonest due first), and proposals put to it for its coming meetings
    /// (soonest first); each read from one index of the body.
    /// </summary>
    public static async Task<Results<Ok<HoldingResponse>, NotFound>> GetHolding(Guid id, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        var held = await (
                from holder in db.IssueHolders
                where holder.BodyId == id && holder.Stage != IssueStage.Closed
                join issue in db.Issues on holder.IssueId equals issue.Id
                where issue.RemovedAt == null
                orderby issue.DueOn == null, issue.DueOn, issue.CreatedAt, issue.Id
                select new { issue.Id, issue.Title, issue.Kind, issue.Stage, issue.DueOn })
            .Take(Limit + 1)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var heldIds = held.Select(h => h.Id).ToList();
        var jointly = await db.IssueHolders.AsNoTracking().Where(h => heldIds.Contains(h.IssueId) && h.BodyId != id)
            .Select(h => new { h.IssueId, h.BodyId }).ToListAsync(cancellationToken);
        var monitoring = await LatestMonitoringAsync(db, [.. held.Where(h => h.Stage is IssueStage.Implementation or IssueStage.Evaluation).Select(h => h.Id)], cancellationToken);
        var issues = held.Take(Limit).Select(i => new HeldIssue(i.Id, i.Title, i.Kind, i.Stage, i.DueOn, i.DueOn < today,
            [.. jointly.Where(j => j.IssueId == i.Id).Select(j => j.BodyId).Order()], monitoring.GetValueOrDefault(i.Id))).ToList();

        var awaited = await (
                from recipient in db.ReferralRecipients
                where recipient.BodyId == id && recipient.AnsweredAt == null
                join issue in db.Issues on recipient.IssueId equals issue.Id
                where issue.Stage != IssueStage.Closed && issue.RemovedAt == null
                join referral in db.Referrals on recipient.ReferralId equals referral.Id
                orderby recipient.DueOn, recipient.ReferralId
                select new { recipient.ReferralId, recipient.IssueId, IssueTitle = issue.Title, referral.ReferredByBodyId, referral.Question, recipient.DueOn })
            .Take(Limit + 1)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var referrals = awaited.Take(Limit)
            .Select(r => new AwaitedReferral(r.ReferralId, r.IssueId, r.IssueTitle, r.ReferredByBodyId, r.Question, r.DueOn, r.DueOn < today))
            .ToList();

        // Proposals put to the body for its coming meetings (by the index of the body's placed proposals).
        var now = time.GetUtcNow();
        var coming = await (
                from proposal in db.Proposals
                where proposal.BodyId == id && proposal.MeetingId != null && proposal.MeetingStartsAt > now && proposal.RemovedAt == null
                join issue in db.Issues on proposal.IssueId equals issue.Id
                orderby proposal.MeetingStartsAt, proposal.Id
                select new { proposal.Id, proposal.Title, proposal.Kind, proposal.IssueId, IssueTitle = issue.Title, MeetingId = proposal.MeetingId!.Value, StartsAt = proposal.MeetingStartsAt!.Value })
            .Take(Limit + 1)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var proposals = coming.Take(Limit)
            .Select(p => new ComingProposal(p.Id, p.Title, p.Kind, p.IssueId, p.IssueTitle, p.MeetingId, MeetingsApi.UkTime(p.StartsAt)))
            .ToList();

        return TypedResults.Ok(new HoldingResponse(
            id,
            body.Name,
            today,
            new IssuesByStage(
                [.. issues.Where(i => i.Stage == IssueStage.Deliberation)],
                [.. issues.Where(i => i.Stage == IssueStage.Authorisation)],
                // The holder sees the latest monitoring report first: issues whose report lists exceptions lead the stage.
                [.. issues.Where(i => i.Stage == IssueStage.Implementation).OrderByDescending(i => i.LatestMonitoring?.Exceptions > 0)],
                [.. issues.Where(i => i.Stage == IssueStage.Evaluation)]),
            referrals,
            proposals,
            held.Count > Limit || awaited.Count > Limit || coming.Count > Limit));
    }

    /// <summary>The latest issued monitoring report of each of <paramref name="issueIds"/>'s plans, with its exception count.</summary>
    private static async Task<Dictionary<Guid, HeldMonitoring>> LatestMonitoringAsync(CycleDbContext db, List<Guid> issueIds, CancellationToken cancellationToken)
    {
        if (issueIds.Count == 0)
        {
            return [];
        }

        var latest = await db.MonitoringReports.AsNoTracking()
            .Where(r => issueIds.Contains(r.IssueId) && r.RemovedAt == null)
            .GroupBy(r => r.IssueId)
            .Select(g => g.OrderByDescending(r => r.AsAt).ThenByDescending(r => r.IssuedAt).ThenByDescending(r => r.Id)
                .Select(r => new { r.IssueId, Held = new HeldMonitoring(r.Id, r.PlanId, r.AsAt, r.ExceptionCount) }).First())
            .ToListAsync(cancellationToken);
        return latest.ToDictionary(r => r.IssueId, r => r.Held);
    }
}

/// <summary>What a body holds on <see cref="Today"/> (UK), and what is due from it.</summary>
public sealed record HoldingResponse(
    Guid BodyId, string Name, DateOnly Today, IssuesByStage Issues, IReadOnlyList<AwaitedReferral> ReferralsAwaitingResponse,
    IReadOnlyList<ComingProposal> ProposalsOnComingAgendas, bool Truncated);

public sealed record IssuesByStage(
    IReadOnlyList<HeldIssue> Deliberation, IReadOnlyList<HeldIssue> Authorisation, IReadOnlyList<HeldIssue> Implementation, IReadOnlyList<HeldIssue> Evaluation);

/// <summary>
/// An issue the body holds; <see cref="HeldJointlyWith"/> the other holders of a joint deliberation; in implementation or
/// evaluation, <see cref="LatestMonitoring"/> the latest monitoring report of its delivery, if one has been issued.
/// </summary>
public sealed record HeldIssue(
    Guid Id, string Title, IssueKind Kind, IssueStage Stage, DateOnly? DueOn, bool Overdue, IReadOnlyList<Guid> HeldJointlyWith, HeldMonitoring? LatestMonitoring);

/// <summary>A monitoring report as its issue's holder sees it in the holding: when it was as at, and how many exceptions it lists.</summary>
public sealed record HeldMonitoring(Guid ReportId, Guid PlanId, DateOnly AsAt, int Exceptions);

/// <summary>A referral the body has been asked to answer and has not.</summary>
public sealed record AwaitedReferral(Guid ReferralId, Guid IssueId, string IssueTitle, Guid ReferredByBodyId, string? Question, DateOnly DueOn, bool Overdue);

/// <summary>A proposal put to the body for one of its coming meetings (<see cref="MeetingStartsAt"/> in UK time), soonest first.</summary>
public sealed record ComingProposal(Guid ProposalId, string Title, ProposalKind Kind, Guid IssueId, string IssueTitle, Guid MeetingId, DateTimeOffset MeetingStartsAt);
