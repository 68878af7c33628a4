using Refit;

namespace Concordat.Web.Apis;

/// <summary>The cycle's public reads that the pages use (<c>docs/cycle.md</c>): published decisions, the forward plan, issues and their timelines.</summary>
public partial interface ICycleApi
{
    /// <summary>Published decisions, newest first, filtered by body and publication dates.</summary>
    [Get("/api/cycle/decisions")]
    Task<IApiResponse<Page<Decision>>> ListDecisionsAsync(
        Guid? body, [Query(Format = "yyyy-MM-dd")] DateOnly? publishedFrom, [Query(Format = "yyyy-MM-dd")] DateOnly? publishedTo, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Proposals placed on the agendas of meetings still to come.</summary>
    [Get("/api/cycle/forward-plan")]
    Task<IApiResponse<Page<ForwardPlanEntry>>> ForwardPlanAsync(
        Guid? body, [Query(Format = "yyyy-MM-dd")] DateOnly? from, [Query(Format = "yyyy-MM-dd"), AliasAs("to")] DateOnly? until, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Issues, filtered by stage (a wire word) and holder.</summary>
    [Get("/api/cycle/issues")]
    Task<IApiResponse<Page<Issue>>> ListIssuesAsync(string? stage, Guid? holder, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One issue.</summary>
    [Get("/api/cycle/issues/{id}")]
    Task<IApiResponse<Issue>> GetIssueAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The lessons library: searched by <paramref name="q"/> (best match first), filtered by theme and issue kind.</summary>
    [Get("/api/cycle/lessons")]
    Task<IApiResponse<Page<Lesson>>> SearchLessonsAsync(string? q, string? theme, string? kind, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>A page of an issue's timeline, oldest first.</summary>
    [Get("/api/cycle/issues/{id}/timeline")]
    Task<IApiResponse<Timeline>> GetTimelineAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One published decision, with its status now (<c>call_in_window</c>, <c>called_in</c>, …): for calling it in.</summary>
    [Get("/api/cycle/decisions/{id}")]
    Task<IApiResponse<Decision>> GetPublishedDecisionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The bodies the signed-in person sits on today (needs their token).</summary>
    [Get("/api/cycle/me/bodies")]
    Task<IApiResponse<List<Members.SeatedBody>>> MyBodiesAsync(CancellationToken cancellationToken);

    /// <summary>What a body holds now by stage, the referrals awaiting its response, and proposals on its coming agendas.</summary>
    [Get("/api/cycle/bodies/{id}/holding")]
    Task<IApiResponse<Members.BodyHolding>> GetHoldingAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A body's meetings from a UK date, with their agendas once published (drafts to those who act for it).</summary>
    [Get("/api/cycle/bodies/{id}/meetings")]
    Task<IApiResponse<Page<Members.BodyMeeting>>> BodyMeetingsAsync(Guid id, [Query(Format = "yyyy-MM-dd")] DateOnly? from, int? limit, CancellationToken cancellationToken);

    /// <summary>One issue's published decisions (the register filtered by <c>issueId</c>), oldest first.</summary>
    [Get("/api/cycle/decisions")]
    Task<IApiResponse<Page<Decision>>> ListIssueDecisionsAsync(Guid issueId, int? limit, string? cursor, CancellationToken cancellationToken);
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

public sealed record Issue(
    Guid Id,
    string Title,
    string? Description,
    string Kind,
    IReadOnlyList<string> Themes,
    Guid? RaisedByBodyId,
    Guid? ParentIssueId,
    string Stage,
    IReadOnlyList<Guid> Holders,
    DateOnly? DueOn,
    string? ClosedReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record Timeline(Guid IssueId, string Title, string Stage, IReadOnlyList<Guid> Holders, IReadOnlyList<TimelineItem> Entries, string? Next);

public sealed record TimelineItem(
    Guid Id,
    DateTimeOffset At,
    string Kind,
    string By,
    string? FromStage,
    string? ToStage,
    IReadOnlyList<Guid> FromHolders,
    IReadOnlyList<Guid> ToHolders,
    Guid? ReferralId,
    Guid? DecisionId,
    IReadOnlyList<Guid> Bodies,
    string? Note,
    Guid? RelatedIssueId = null);

public sealed record Lesson(
    Guid Id,
    string Statement,
    string Evidence,
    IReadOnlyList<string> Themes,
    string Kind,
    Guid IssueId,
    string IssueTitle,
    Guid EvaluationId,
    DateTimeOffset PublishedAt);
