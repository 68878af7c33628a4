using Refit;

namespace Concordat.Web.Apis;

/// <summary>The cycle's public reads that the pages use (<c>docs/cycle.md</c>): published decisions and the forward plan.</summary>
public interface ICycleApi
{
    /// <summary>Published decisions, newest first, filtered by body and publication dates.</summary>
    [Get("/api/cycle/decisions")]
    Task<IApiResponse<Page<Decision>>> ListDecisionsAsync(
        Guid? body, [Query(Format = "yyyy-MM-dd")] DateOnly? publishedFrom, [Query(Format = "yyyy-MM-dd")] DateOnly? publishedTo, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Proposals placed on the agendas of meetings still to come.</summary>
    [Get("/api/cycle/forward-plan")]
    Task<IApiResponse<Page<ForwardPlanEntry>>> ForwardPlanAsync(
        Guid? body, [Query(Format = "yyyy-MM-dd")] DateOnly? from, [Query(Format = "yyyy-MM-dd"), AliasAs("to")] DateOnly? until, int? limit, string? cursor, CancellationToken cancellationToken);
}

public sealed record Decision(
    Guid Id,
    Guid IssueId,
    Guid BodyId,
    string Outcome,
    string Summary,
    string? Conditions,
    string? Meeting,
    DateOnly? MeetingOn,
    bool Urgent,
    string Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? CallInEndsAt);

public sealed record ForwardPlanEntry(ForwardPlanIssue Issue, ForwardPlanBody Body, ForwardPlanMeeting Meeting, ForwardPlanProposal Proposal);

public sealed record ForwardPlanIssue(Guid Id, string Title);

public sealed record ForwardPlanBody(Guid Id, string Name);

public sealed record ForwardPlanMeeting(Guid Id, DateTimeOffset StartsAt);

public sealed record ForwardPlanProposal(Guid Id, string Title, string Kind);
