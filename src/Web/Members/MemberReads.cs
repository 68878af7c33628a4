namespace Concordat.Web.Members;

/// <summary>A body the signed-in person sits on today (cycle <c>GET /api/cycle/me/bodies</c>): their capacities and the roles they give.</summary>
public sealed record SeatedBody(Guid BodyId, string? Name, IReadOnlyList<string> Capacities, IReadOnlyList<string> Roles);

/// <summary>What a body holds on <see cref="Today"/> (UK), and what is due from it (cycle <c>GET /api/cycle/bodies/{id}/holding</c>).</summary>
public sealed record BodyHolding(
    Guid BodyId, string Name, DateOnly Today, HeldByStage Issues, IReadOnlyList<AwaitedReferral> ReferralsAwaitingResponse,
    IReadOnlyList<ComingProposal> ProposalsOnComingAgendas, bool Truncated);

public sealed record HeldByStage(
    IReadOnlyList<HeldIssue> Deliberation, IReadOnlyList<HeldIssue> Authorisation, IReadOnlyList<HeldIssue> Implementation, IReadOnlyList<HeldIssue> Evaluation)
{
    /// <summary>The stages in the cycle's order, with what is held at each.</summary>
    public IEnumerable<(string Stage, IReadOnlyList<HeldIssue> Issues)> InOrder =>
        [("deliberation", Deliberation), ("authorisation", Authorisation), ("implementation", Implementation), ("evaluation", Evaluation)];
}

public sealed record HeldIssue(Guid Id, string Title, string Kind, string Stage, DateOnly? DueOn, bool Overdue, IReadOnlyList<Guid> HeldJointlyWith);

/// <summary>A referral the body has been asked to answer and has not.</summary>
public sealed record AwaitedReferral(Guid ReferralId, Guid IssueId, string IssueTitle, Guid ReferredByBodyId, string? Question, DateOnly DueOn, bool Overdue);

/// <summary>A proposal put to the body for one of its coming meetings.</summary>
public sealed record ComingProposal(Guid ProposalId, string Title, string Kind, Guid IssueId, string IssueTitle, Guid MeetingId, DateTimeOffset MeetingStartsAt);

/// <summary>One of a body's meetings (cycle <c>GET /api/cycle/bodies/{id}/meetings</c>); place and items null while a draft is not shown.</summary>
public sealed record BodyMeeting(
    Guid Id, IReadOnlyList<Guid> BodyIds, DateTimeOffset StartsAt, string Kind, string AgendaState, string? Place,
    IReadOnlyList<MeetingItem>? Items, DateTimeOffset? AgendaPublishedAt);

public sealed record MeetingItem(Guid Id, string Kind, Guid? IssueId, Guid? ProposalId, string Title);
