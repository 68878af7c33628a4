using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// Scrutiny's public reads that the pages use (<c>docs/scrutiny.md</c>): published reports with their recommendations
/// and the addressees' responses.
/// </summary>
public interface IScrutinyApi
{
    /// <summary>Every published report with its recommendations and their responses, oldest first.</summary>
    [Get("/api/scrutiny/reports")]
    Task<IApiResponse<Page<Report>>> ListReportsAsync(int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One published report with its recommendations and their responses.</summary>
    [Get("/api/scrutiny/reports/{id}")]
    Task<IApiResponse<Report>> GetReportAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The scrutiny committees (registry bodies with the scrutiny role), oldest first.</summary>
    [Get("/api/scrutiny/committees")]
    Task<IApiResponse<Page<Committee>>> ListCommitteesAsync(int? limit, string? cursor, CancellationToken cancellationToken);

    [Get("/api/scrutiny/committees/{id}")]
    Task<IApiResponse<Committee>> GetCommitteeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The committee's work programme: open and closed topics, and proposed ones to those who act for the committee.</summary>
    [Get("/api/scrutiny/committees/{id}/topics")]
    Task<IApiResponse<Page<Topic>>> ListTopicsAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Adds a topic (proposed or open); the answer names any other committee's work it may duplicate.</summary>
    [Post("/api/scrutiny/committees/{id}/topics")]
    Task<IApiResponse<TopicAdded>> AddTopicAsync(Guid id, [Body] TopicToAdd topic, CancellationToken cancellationToken);

    /// <summary>The committee's information requests, each with its clock (those who act for the committee).</summary>
    [Get("/api/scrutiny/committees/{id}/information-requests")]
    Task<IApiResponse<Page<InformationRequest>>> ListInformationRequestsAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    [Post("/api/scrutiny/committees/{id}/information-requests")]
    Task<IApiResponse<InformationRequest>> SendInformationRequestAsync(Guid id, [Body] InformationRequestToSend request, CancellationToken cancellationToken);

    /// <summary>One request, with its version as the ETag (for answering it).</summary>
    [Get("/api/scrutiny/information-requests/{id}")]
    Task<IApiResponse<InformationRequest>> GetInformationRequestAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The partner addressed (or a platform administrator) answers, once.</summary>
    [Post("/api/scrutiny/information-requests/{id}/answer")]
    Task<IApiResponse<InformationRequest>> AnswerInformationRequestAsync(Guid id, [Body] InformationAnswer answer, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    /// <summary>The requests addressed to the caller's organisation (a partner), every one for an administrator.</summary>
    [Get("/api/scrutiny/partner/information-requests")]
    Task<IApiResponse<Page<InformationRequest>>> ListPartnerInformationRequestsAsync(bool? answered, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>The committee's reports, drafts too for those who act for it.</summary>
    [Get("/api/scrutiny/committees/{id}/reports")]
    Task<IApiResponse<Page<Report>>> ListCommitteeReportsAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Drafts a report with its recommendations, each to one organisation or one body.</summary>
    [Post("/api/scrutiny/committees/{id}/reports")]
    Task<IApiResponse<Report>> DraftReportAsync(Guid id, [Body] ReportToDraft report, CancellationToken cancellationToken);

    /// <summary>Publishes a draft (once): its responses fall due by the regime.</summary>
    [Post("/api/scrutiny/reports/{id}/publication")]
    Task<IApiResponse<Report>> PublishReportAsync(Guid id, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    /// <summary>One recommendation, with its version as the ETag (for responding to it).</summary>
    [Get("/api/scrutiny/recommendations/{id}")]
    Task<IApiResponse<Recommendation>> GetRecommendationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The addressee responds, once.</summary>
    [Post("/api/scrutiny/recommendations/{id}/response")]
    Task<IApiResponse<Recommendation>> RespondToRecommendationAsync(Guid id, [Body] ResponseToRecord response, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    /// <summary>Call-ins, public: by committee or decision, oldest first.</summary>
    [Get("/api/scrutiny/call-ins")]
    Task<IApiResponse<Page<CallIn>>> ListCallInsAsync(Guid? committee, Guid? decision, int? limit, string? cursor, CancellationToken cancellationToken);

    [Get("/api/scrutiny/call-ins/{id}")]
    Task<IApiResponse<CallIn>> GetCallInAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The committee calls a published decision in within its window, with its reasons.</summary>
    [Post("/api/scrutiny/committees/{id}/call-ins")]
    Task<IApiResponse<CallIn>> CallInDecisionAsync(Guid id, [Body] CallInToMake callIn, CancellationToken cancellationToken);

    /// <summary>The committee resolves its call-in, once: <c>no_further_action</c> or <c>referred_back</c>.</summary>
    [Post("/api/scrutiny/call-ins/{id}/resolution")]
    Task<IApiResponse<CallIn>> ResolveCallInAsync(Guid id, [Body] CallInResolution resolution, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);
}

public sealed record Committee(Guid Id, string Name, string? ShortName, IReadOnlyList<string> Roles, DateOnly? DissolvedOn);

/// <summary>Status: <c>proposed</c>, <c>open</c>, <c>closed</c>.</summary>
public sealed record Topic(
    Guid Id, Guid CommitteeBodyId, string Title, string? Description, IReadOnlyList<string> Themes, IReadOnlyList<Guid> Areas,
    IReadOnlyList<Guid> BodiesInScope, IReadOnlyList<Guid> OrganisationsInScope, string Status, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record TopicToAdd(string? Title, string? Description, IReadOnlyList<string> Themes, IReadOnlyList<Guid> Areas, string? Status);

public sealed record TopicAdded(Topic Topic, IReadOnlyList<DuplicationWarning> DuplicationWarnings);

public sealed record DuplicationWarning(Guid OtherCommitteeBodyId, string OtherKind, string OtherItemTitle, IReadOnlyList<string> SharedThemes, int SharedWords);

/// <summary>
/// Status: <c>awaiting</c> or <c>answered</c>; <see cref="Overdue"/> when awaiting past <see cref="DueOn"/> (UK days). The clock
/// (<see cref="DaysLeft"/>, <see cref="Overdue"/>, <see cref="AnsweredLate"/>, <see cref="DaysLate"/>) is the service's reading.
/// </summary>
public sealed record InformationRequest(
    Guid Id, Guid CommitteeBodyId, Guid OrganisationId, string Question, string Regime, DateOnly SentOn, DateOnly DueOn, string Status,
    bool Overdue, int DaysOverdue, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy, string RequestedBy, DateTimeOffset CreatedAt,
    int? DaysLeft, bool? AnsweredLate, int? DaysLate);

public sealed record InformationRequestToSend(Guid? OrganisationId, string? Question, DateOnly? SentOn);

public sealed record InformationAnswer(string? Answer);

public sealed record ReportToDraft(string? Title, string? Findings, string? Url, IReadOnlyList<RecommendationToMake> Recommendations);

public sealed record RecommendationToMake(string? Text, Guid? AddresseeOrganisationId, Guid? AddresseeBodyId);

public sealed record ResponseToRecord(string? Outcome, string? Reasons, IReadOnlyList<ActionToPlan> Actions);

public sealed record ActionToPlan(string? Action, DateOnly? TargetOn);

/// <summary>Status <c>open</c> until resolved (<c>resolved</c>), then its outcome: <c>no_further_action</c> or <c>referred_back</c>.</summary>
public sealed record CallIn(
    Guid Id, Guid DecisionId, Guid CommitteeBodyId, string Reasons, DateTimeOffset CalledInAt, string CalledBy, string Status,
    string? Outcome, string? ResolutionReasons, DateTimeOffset? ResolvedAt, string? ResolvedBy);

public sealed record CallInToMake(Guid? DecisionId, string? Reasons);

public sealed record CallInResolution(string? Outcome, string? Reasons);

public sealed record Report(
    Guid Id,
    Guid CommitteeBodyId,
    string Title,
    string Findings,
    Uri? Url,
    string Status,
    DateTimeOffset? PublishedAt,
    DateOnly? PublishedOn,
    IReadOnlyList<Recommendation> Recommendations);

/// <summary>Status: <c>awaiting_response</c>, <c>responded</c>, <c>completed</c>; <see cref="Overdue"/> when awaiting past its due date.</summary>
public sealed record Recommendation(
    Guid Id,
    Guid ReportId,
    int Number,
    string Text,
    Guid? AddresseeOrganisationId,
    Guid? AddresseeBodyId,
    string Status,
    DateOnly? ResponseDueOn,
    bool Overdue,
    int DaysOverdue,
    RecommendationAnswer? Response,
    IReadOnlyList<RecommendationProgress> Progress,
    DateTimeOffset? CompletedAt,
    int? DaysLeft);

/// <summary>An addressee's response: <c>accepted</c>, <c>partly_accepted</c> (each with an action plan) or <c>rejected</c>.</summary>
public sealed record RecommendationAnswer(string Outcome, string Reasons, IReadOnlyList<PlannedAction> Actions, DateTimeOffset RespondedAt, string RespondedBy, bool Late, int DaysLate);

public sealed record PlannedAction(string Action, DateOnly TargetOn);

public sealed record RecommendationProgress(DateTimeOffset At, string Note, string By);
