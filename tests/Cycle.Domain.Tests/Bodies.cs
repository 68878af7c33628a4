using Concordat.Cycle.Issues;

namespace Concordat.Cycle.Domain.Tests;

/// <summary>Bodies of the Gloucestershire Conference as the stage rules see them.</summary>
internal static class Bodies
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static HolderCandidate Gsp => Body("Gloucestershire Strategic Partnership", "deliberative");

    public static HolderCandidate Abg => Body("Accountable Bodies Group", "authorising");

    public static HolderCandidate Cseb => Body("Community Strategy Executive Board", "executive");

    public static HolderCandidate TaskGroup => Body("Employco task group", "delivery");

    /// <summary>A registry body with no cycle role, as a task group set up for one issue is.</summary>
    public static HolderCandidate Unroled(string name = "Employco closure task group") => Body(name);

    public static HolderCandidate Scrutiny => Body("Overview and Scrutiny Committee", "scrutiny");

    public static HolderCandidate Lsp(string name = "Forest of Dean LSP") => Body(name, "deliberative");

    public static HolderCandidate Body(string name, params string[] roles) => new(Guid.CreateVersion7(), name, roles, Dissolved: false);

    public static HolderCandidate Dissolved(HolderCandidate body) => body with { Dissolved = true };

    public static Issue Raised(params HolderCandidate[] holders)
    {
        var (issue, violation) = Issue.Raise(
            new IssueDetails("Climate change strategy", null, IssueKind.StrategyDevelopment, ["environment"], [], holders[0].Id, null, null, null),
            holders, Now);
        Assert.Null(violation);
        return issue!;
    }
}
