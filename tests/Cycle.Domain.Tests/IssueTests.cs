using Concordat.Cycle.Issues;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="Issue"/>: raised into deliberation, changed only by the moves the rules allow.</summary>
public sealed class IssueTests
{
    [Fact]
    public void An_issue_is_raised_into_deliberation_held_by_its_holders()
    {
        var (forest, gloucester) = (Lsp("Forest of Dean LSP"), Lsp("Gloucester LSP"));

        var issue = Raised(forest, gloucester);

        Assert.Equal(IssueStage.Deliberation, issue.Stage);
        Assert.Equal(new[] { forest.Id, gloucester.Id }.Order(), issue.HolderIds);
    }

    [Fact]
    public void An_issue_cannot_be_raised_for_a_dissolved_body_to_deliberate()
    {
        var (issue, violation) = Issue.Raise(
            new IssueDetails("Truancy", null, IssueKind.EmergentStrategy, [], [], null, Guid.CreateVersion7(), null, null), [Dissolved(Lsp())], Now);

        Assert.Null(issue);
        Assert.Equal("holder-dissolved", violation?.Rule);
    }

    [Fact]
    public void A_move_changes_stage_and_holders_and_a_refused_one_changes_nothing()
    {
        var gsp = Gsp;
        var issue = Raised(gsp);

        Assert.Equal("authorisation-needs-authorising-body", issue.MoveTo(IssueStage.Authorisation, [Cseb], false, null, null, Now.AddHours(1))?.Rule);
        Assert.Equal(IssueStage.Deliberation, issue.Stage);
        Assert.Equal([gsp.Id], issue.HolderIds);

        var abg = Abg;
        Assert.Null(issue.MoveTo(IssueStage.Authorisation, [abg], false, null, new DateOnly(2027, 1, 31), Now.AddHours(2)));
        Assert.Equal(IssueStage.Authorisation, issue.Stage);
        Assert.Equal([abg.Id], issue.HolderIds);
        Assert.Equal(new DateOnly(2027, 1, 31), issue.DueOn);
        Assert.Equal(Now.AddHours(2), issue.UpdatedAt);
    }

    [Fact]
    public void Closing_keeps_the_last_holders_and_the_reason()
    {
        var gsp = Gsp;
        var issue = Raised(gsp);

        Assert.Null(issue.MoveTo(IssueStage.Closed, [], false, "  Overtaken by the national strategy. ", null, Now.AddDays(1)));

        Assert.Equal(IssueStage.Closed, issue.Stage);
        Assert.Equal("Overtaken by the national strategy.", issue.ClosedReason);
        Assert.Equal([gsp.Id], issue.HolderIds);
        Assert.All(issue.Holders, h => Assert.Equal(IssueStage.Closed, h.Stage));
    }
}
