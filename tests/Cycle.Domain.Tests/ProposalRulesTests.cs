using Concordat.Cycle.Decisions;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Meetings;
using Concordat.Cycle.Proposals;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="ProposalRules"/>, <see cref="Proposal"/> and <see cref="DecisionRules.MayLink"/>: who puts what to whom, for which meeting, and what a decision may name.</summary>
public sealed class ProposalRulesTests
{
    private static readonly DateTimeOffset NextWeek = Now.AddDays(7);

    [Fact]
    public void A_holder_puts_a_proposal_to_an_authorising_body()
    {
        var (gsp, abg) = (Gsp, Abg);
        var issue = Raised(gsp);

        Assert.Null(ProposalRules.MayPut(issue.Stage, issue.HolderIds, gsp, abg));
    }

    [Fact]
    public void A_proposal_to_a_body_without_the_authorising_role_is_refused()
    {
        var gsp = Gsp;
        var issue = Raised(gsp);

        Assert.Equal("proposal-needs-authorising-body", ProposalRules.MayPut(issue.Stage, issue.HolderIds, gsp, Cseb)?.Rule);
    }

    [Fact]
    public void Only_a_holder_of_the_issue_puts_a_proposal_on_it()
    {
        var issue = Raised(Gsp);

        Assert.Equal("proposer-not-holder", ProposalRules.MayPut(issue.Stage, issue.HolderIds, Lsp(), Abg)?.Rule);
    }

    [Fact]
    public void Nothing_is_put_to_a_dissolved_body_or_on_a_closed_issue()
    {
        var gsp = Gsp;

        Assert.Equal("body-dissolved", ProposalRules.MayPut(IssueStage.Deliberation, [gsp.Id], gsp, Dissolved(Abg))?.Rule);
        Assert.Equal("issue-closed", ProposalRules.MayPut(IssueStage.Closed, [gsp.Id], gsp, Abg)?.Rule);
    }

    [Fact]
    public void A_proposal_is_placed_only_for_a_coming_meeting_of_its_body()
    {
        var abg = Abg;

        Assert.Null(ProposalRules.MayPlace(abg.Id, null, [abg.Id, Gsp.Id], NextWeek, Now));
        Assert.Equal("meeting-not-of-body", ProposalRules.MayPlace(abg.Id, null, [Gsp.Id], NextWeek, Now)?.Rule);
        Assert.Equal("meeting-already-past", ProposalRules.MayPlace(abg.Id, null, [abg.Id], Now, Now)?.Rule);
    }

    [Fact]
    public void A_proposal_waiting_for_a_coming_meeting_is_not_placed_again_but_a_deferred_one_is()
    {
        var abg = Abg;

        Assert.Equal("proposal-already-placed", ProposalRules.MayPlace(abg.Id, NextWeek, [abg.Id], NextWeek.AddDays(28), Now)?.Rule);
        Assert.Null(ProposalRules.MayPlace(abg.Id, Now.AddDays(-1), [abg.Id], NextWeek, Now));
    }

    [Fact]
    public void Placing_a_proposal_adds_a_proposal_item_to_the_draft_agenda()
    {
        var abg = Abg;
        var meeting = Meeting.Schedule([abg.Id], NextWeek, "Shire Hall", MeetingKind.Ordinary, Now);
        var proposal = Put(abg.Id);

        Assert.Null(proposal.PlaceFor(meeting, Now));

        var item = Assert.Single(meeting.Items);
        Assert.Equal((AgendaItem.Proposal, proposal.Id, proposal.IssueId), (item.Kind, item.ProposalId, item.IssueId));
        Assert.Equal((meeting.Id, NextWeek, item.Id), (proposal.MeetingId!.Value, proposal.MeetingStartsAt!.Value, proposal.AgendaItemId!.Value));
        Assert.False(proposal.IsPublic);
    }

    [Fact]
    public void A_proposal_is_not_placed_on_a_published_agenda()
    {
        var abg = Abg;
        var meeting = Meeting.Schedule([abg.Id], NextWeek, "Shire Hall", MeetingKind.Ordinary, Now);
        meeting.Add(AgendaItem.OtherBusiness, null, "Apologies", [], Now);
        Assert.Null(meeting.PublishAgenda(Now));
        var proposal = Put(abg.Id);

        Assert.Equal("agenda-already-published", proposal.PlaceFor(meeting, Now)?.Rule);
        Assert.Null(proposal.MeetingId);
    }

    [Fact]
    public void A_decision_names_only_a_meeting_of_its_body_and_a_proposal_on_its_issue_put_to_it()
    {
        var (issue, abg, other) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        Assert.Null(DecisionRules.MayLink(issue, abg, [abg], (issue, abg)));
        Assert.Null(DecisionRules.MayLink(issue, abg, null, null));
        Assert.Equal("meeting-not-of-deciding-body", DecisionRules.MayLink(issue, abg, [other], null)?.Rule);
        Assert.Equal("proposal-of-another-issue", DecisionRules.MayLink(issue, abg, null, (Guid.CreateVersion7(), abg))?.Rule);
        Assert.Equal("proposal-put-to-another-body", DecisionRules.MayLink(issue, abg, null, (issue, other))?.Rule);
    }

    private static Proposal Put(Guid? body = null)
    {
        var gsp = Gsp;
        var abg = Abg with { Id = body ?? Guid.CreateVersion7() };
        var issue = Raised(gsp);
        var (proposal, violation) = Proposal.Put(
            new ProposalDetails(issue.Id, abg.Id, ProposalKind.ActionPlan, "Climate change action plan", null,
                [new ResourceAllocation { OrganisationId = Guid.CreateVersion7(), AmountGbp = 40000m }]),
            issue, gsp, abg, Now);
        Assert.Null(violation);
        return proposal!;
    }
}
