using Concordat.Web.Apis.Clerk;
using Concordat.Web.Components;

namespace Concordat.Web.Meetings;

/// <summary>
/// What a clerk may add to a meeting's draft agenda, built from what the body holds: each issue it holds (not already
/// an item), each proposal offered for placing (put to the body and not placed yet), the responses it owes to a
/// referral, and any other business. <c>Key</c> is what the form posts back.
/// </summary>
public static class AgendaChoices
{
    public const string OtherBusiness = "other";

    public sealed record Choice(string Key, string Label, string Hint, string Kind, Guid? IssueId, Guid? ProposalId, string Title);

    public static IReadOnlyList<Choice> From(
        IEnumerable<Holding> holdings, MeetingRecord meeting, IEnumerable<ProposalRecord> proposals, IEnumerable<ProposalRecord>? awaiting = null)
    {
        var items = meeting.Items ?? [];
        var onAgenda = items.Where(i => i.Kind == "issue" && i.IssueId is not null).Select(i => i.IssueId!.Value).ToHashSet();
        var placed = items.Where(i => i.ProposalId is not null).Select(i => i.ProposalId!.Value).ToHashSet();
        List<Choice> choices = [];

        // The proposals named in the address, if never placed; and those the cycle says await a meeting (never placed, or
        // deferred from one that has passed).
        var offered = proposals.Where(p => p.MeetingId is null).Concat(awaiting ?? []);
        foreach (var proposal in offered.Where(p => !placed.Contains(p.Id) && meeting.BodyIds.Contains(p.BodyId)).DistinctBy(p => p.Id))
        {
            choices.Add(new($"proposal:{proposal.Id}", $"Proposal: {proposal.Title}", $"{Words.Sentence(proposal.Kind)} put to the body for decision", "proposal", proposal.IssueId, proposal.Id, proposal.Title));
        }

        var held = holdings.ToList();
        foreach (var issue in held.SelectMany(h => h.Issues.All).Where(i => !onAgenda.Contains(i.Id)).DistinctBy(i => i.Id))
        {
            choices.Add(new($"issue:{issue.Id}", issue.Title, $"An issue the body holds, in {Words.Lower(issue.Stage)}", "issue", issue.Id, null, issue.Title));
        }

        foreach (var referral in held.SelectMany(h => h.ReferralsAwaitingResponse).DistinctBy(r => r.IssueId))
        {
            choices.Add(new($"referral:{referral.IssueId}", $"Our response to the referral on {referral.IssueTitle}", $"Asked of the body, due by {UkTime.Date(referral.DueOn)}", "referral_responses", referral.IssueId, null, $"Response to the referral: {referral.IssueTitle}"));
        }

        choices.Add(new(OtherBusiness, "Other business", "Anything else: give it a title", "other_business", null, null, ""));
        return choices;
    }
}
