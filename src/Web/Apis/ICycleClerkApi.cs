using Refit;

namespace Concordat.Web.Apis.Clerk;

/// <summary>
/// What a clerk's pages read and write in the cycle (<c>docs/cycle.md</c>): issues raised and moved, referrals and their
/// responses, meetings with their agendas and minutes, proposals, and decisions with their allocations. Writes that need
/// <c>If-Match</c> take the record's version (its ETag, as the API answers it in <c>version</c>).
/// </summary>
public interface ICycleClerkApi
{
    /// <summary>The bodies the signed-in person sits on today, with their capacities there.</summary>
    [Get("/api/cycle/me/bodies")]
    Task<IApiResponse<List<SeatedBody>>> MyBodiesAsync(CancellationToken cancellationToken);

    /// <summary>What a body holds now by stage, the referrals awaiting its response, and the proposals on its coming agendas.</summary>
    [Get("/api/cycle/bodies/{id}/holding")]
    Task<IApiResponse<Holding>> HoldingAsync(Guid id, CancellationToken cancellationToken);

    [Get("/api/cycle/issues/{id}")]
    Task<IApiResponse<IssueRecord>> GetIssueAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/issues")]
    Task<IApiResponse<IssueRecord>> RaiseIssueAsync([Body] RaiseIssue issue, CancellationToken cancellationToken);

    [Post("/api/cycle/issues/{id}/moves")]
    Task<IApiResponse<IssueRecord>> MoveIssueAsync(Guid id, [Body] MoveIssue move, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Get("/api/cycle/issues/{id}/referrals")]
    Task<IApiResponse<List<ReferralRecord>>> ReferralsOfIssueAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/issues/{id}/referrals")]
    Task<IApiResponse<ReferralRecord>> ReferAsync(Guid id, [Body] MakeReferral referral, CancellationToken cancellationToken);

    [Get("/api/cycle/referrals/{id}")]
    Task<IApiResponse<ReferralRecord>> GetReferralAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/referrals/{id}/responses")]
    Task<IApiResponse<ReferralRecord>> AnswerReferralAsync(Guid id, [Body] AnswerReferral answer, CancellationToken cancellationToken);

    [Post("/api/cycle/referrals/{id}/synthesis")]
    Task<IApiResponse<ReferralRecord>> SynthesiseAsync(Guid id, [Body] Synthesis synthesis, CancellationToken cancellationToken);

    [Post("/api/cycle/meetings")]
    Task<IApiResponse<MeetingRecord>> ScheduleMeetingAsync([Body] ScheduleMeeting meeting, CancellationToken cancellationToken);

    [Get("/api/cycle/meetings/{id}")]
    Task<IApiResponse<MeetingRecord>> GetMeetingAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A body's meetings (joint ones too), in the order they were scheduled; drafts only to the body.</summary>
    [Get("/api/cycle/bodies/{id}/meetings")]
    Task<IApiResponse<Page<MeetingRecord>>> MeetingsOfBodyAsync(
        Guid id, [Query(Format = "yyyy-MM-dd")] DateOnly? from, int? limit, string? cursor, CancellationToken cancellationToken);

    [Post("/api/cycle/meetings/{id}/agenda/items")]
    Task<IApiResponse<MeetingRecord>> AddAgendaItemAsync(Guid id, [Body] AddAgendaItem item, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Post("/api/cycle/meetings/{id}/agenda/publication")]
    Task<IApiResponse<MeetingRecord>> PublishAgendaAsync(Guid id, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Put("/api/cycle/meetings/{id}/agenda/items/{itemId}/minutes")]
    Task<IApiResponse<MeetingRecord>> MinuteItemAsync(Guid id, Guid itemId, [Body] ItemMinutes minutes, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Post("/api/cycle/meetings/{id}/minutes/publication")]
    Task<IApiResponse<MeetingRecord>> PublishMinutesAsync(Guid id, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Post("/api/cycle/proposals")]
    Task<IApiResponse<ProposalRecord>> PutProposalAsync([Body] PutProposal proposal, CancellationToken cancellationToken);

    [Get("/api/cycle/proposals/{id}")]
    Task<IApiResponse<ProposalRecord>> GetProposalAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Proposals put to the body that no coming meeting takes and no decision names (to those who act for it).</summary>
    [Get("/api/cycle/bodies/{id}/unplaced-proposals")]
    Task<IApiResponse<List<ProposalRecord>>> UnplacedProposalsAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/proposals/{id}/placement")]
    Task<IApiResponse<ProposalRecord>> PlaceProposalAsync(Guid id, [Body] Placement placement, [Header("If-Match")] string version, CancellationToken cancellationToken);

    [Post("/api/cycle/decisions")]
    Task<IApiResponse<DecisionRecord>> TakeDecisionAsync([Body] TakeDecision decision, CancellationToken cancellationToken);

    [Get("/api/cycle/decisions/{id}")]
    Task<IApiResponse<DecisionRecord>> GetDecisionAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/decisions/{id}/publication")]
    Task<IApiResponse<DecisionRecord>> PublishDecisionAsync(Guid id, [Header("If-Match")] string version, CancellationToken cancellationToken);

    /// <summary>An issue's proposals, newest first: the public ones, and the others to those who act for the bodies they concern.</summary>
    [Get("/api/cycle/issues/{id}/proposals")]
    Task<IApiResponse<List<ProposalRecord>>> ProposalsOfIssueAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A body's draft decisions awaiting publication, newest first (its clerk, chair and members only).</summary>
    [Get("/api/cycle/bodies/{id}/draft-decisions")]
    Task<IApiResponse<List<DecisionRecord>>> DraftDecisionsAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>A body the signed-in person sits on: capacities as the registry records them (<c>clerk</c>, <c>chair</c>).</summary>
public sealed record SeatedBody(Guid BodyId, string? Name, IReadOnlyList<string> Capacities, IReadOnlyList<string> Roles);

public sealed record Holding(
    Guid BodyId, string Name, DateOnly Today, HeldIssues Issues, IReadOnlyList<AwaitedReferral> ReferralsAwaitingResponse,
    IReadOnlyList<ComingProposal> ProposalsOnComingAgendas, bool Truncated);

public sealed record HeldIssues(IReadOnlyList<HeldIssue> Deliberation, IReadOnlyList<HeldIssue> Authorisation, IReadOnlyList<HeldIssue> Implementation, IReadOnlyList<HeldIssue> Evaluation)
{
    public IEnumerable<HeldIssue> All => [.. Deliberation, .. Authorisation, .. Implementation, .. Evaluation];
}

public sealed record HeldIssue(Guid Id, string Title, string Kind, string Stage, DateOnly? DueOn, bool Overdue, IReadOnlyList<Guid> HeldJointlyWith);

public sealed record AwaitedReferral(Guid ReferralId, Guid IssueId, string IssueTitle, Guid ReferredByBodyId, string? Question, DateOnly DueOn, bool Overdue);

public sealed record ComingProposal(Guid ProposalId, string Title, string Kind, Guid IssueId, string IssueTitle, Guid MeetingId, DateTimeOffset MeetingStartsAt);

/// <summary>An issue with its version, for a move's <c>If-Match</c>.</summary>
public sealed record IssueRecord(
    Guid Id,
    string Title,
    string? Description,
    string Kind,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> Areas,
    Guid? RaisedByBodyId,
    string Stage,
    IReadOnlyList<Guid> Holders,
    DateOnly? DueOn,
    string? ClosedReason,
    string Version);

public sealed record RaiseIssue(
    string? Title, string? Description, string? Kind, IReadOnlyList<string>? Themes, IReadOnlyList<Guid>? Areas,
    Guid? RaisedByBodyId, IReadOnlyList<Guid>? Holders, DateOnly? DueOn);

public sealed record MoveIssue(string? To, IReadOnlyList<Guid>? Holders, string? Reason, DateOnly? DueOn);

/// <summary>A selection of bodies by what they are: all given must match (<c>tier</c>, <c>scope</c>, <c>role</c>, as wire words).</summary>
public sealed record BodySelection(string? Tier, string? Scope, string? Role);

public sealed record MakeReferral(
    Guid? ReferredByBodyId, IReadOnlyList<Guid>? BodyIds, BodySelection? Selection, DateOnly? DueOn, string? Question, Guid? SynthesisedByBodyId);

public sealed record ReferralRecord(
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
    IReadOnlyList<ReferredBodyRecord> Bodies);

public sealed record ReferredBodyRecord(
    Guid BodyId, bool Answered, bool Overdue, DateTimeOffset? AnsweredAt, string? AnsweredBy, string? Findings, bool? RealProblemInArea, string? Proposes);

public sealed record AnswerReferral(Guid? BodyId, string? Findings, bool? RealProblemInArea, string? Proposes);

public sealed record Synthesis(string? Summary);

public sealed record ScheduleMeeting(IReadOnlyList<Guid>? BodyIds, DateTimeOffset? StartsAt, string? Place, string? Kind);

/// <summary>A meeting; <see cref="Place"/> and <see cref="Items"/> are null in a body's list while its agenda is a draft the reader may not see.</summary>
public sealed record MeetingRecord(
    Guid Id,
    IReadOnlyList<Guid> BodyIds,
    DateTimeOffset StartsAt,
    string? Place,
    string Kind,
    string AgendaState,
    IReadOnlyList<AgendaItem>? Items,
    DateTimeOffset? AgendaPublishedAt,
    DateTimeOffset? MinutesPublishedAt,
    string? Version);

public sealed record AgendaItem(Guid Id, string Kind, Guid? IssueId, Guid? ProposalId, string Title, IReadOnlyList<Paper> Papers, Minutes? Minutes);

public sealed record Paper(string? Title, Guid? AuthorOrganisationId, string? Link);

public sealed record Minutes(string Outcome, string? KeyMessages);

public sealed record AddAgendaItem(string? Kind, Guid? IssueId, string? Title, IReadOnlyList<Paper>? Papers);

public sealed record ItemMinutes(string? Outcome, string? KeyMessages);

public sealed record PutProposal(
    Guid? IssueId, Guid? BodyId, Guid? ProposedByBodyId, string? Kind, string? Title, string? Summary, IReadOnlyList<Allocation>? RequestedResources, Guid? MeetingId);

public sealed record ProposalRecord(
    Guid Id,
    Guid IssueId,
    Guid BodyId,
    Guid ProposedByBodyId,
    string Kind,
    string Title,
    string? Summary,
    IReadOnlyList<Allocation> RequestedResources,
    Guid? MeetingId,
    DateTimeOffset? MeetingStartsAt,
    Guid? AgendaItemId,
    bool Public,
    string Version);

public sealed record Placement(Guid? MeetingId);

public sealed record TakeDecision(
    Guid? IssueId,
    Guid? BodyId,
    string? Outcome,
    string? Summary,
    string? Conditions,
    IReadOnlyList<Allocation>? Allocations,
    bool? Urgent,
    string? UrgencyReason,
    Guid? MeetingId,
    Guid? ProposalId);

public sealed record DecisionRecord(
    Guid Id,
    Guid IssueId,
    Guid BodyId,
    string Outcome,
    string Summary,
    string? Conditions,
    IReadOnlyList<Allocation> Allocations,
    IReadOnlyList<Allocation> RequestedResources,
    string? Meeting,
    DateOnly? MeetingOn,
    Guid? MeetingId,
    Guid? ProposalId,
    bool Urgent,
    string? UrgencyReason,
    string Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? CallInEndsAt,
    string Version);
