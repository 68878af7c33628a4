using Concordat.Web.Apis;
using Concordat.Web.Components;
using Concordat.Web.Components.Forms;

namespace Concordat.Web.Clerk;

/// <summary>The wire words a clerk's forms offer, with the words people read.</summary>
public static class Lists
{
    public static IReadOnlyList<Choice> IssueKinds { get; } =
    [
        new("strategy_development", "Strategy development", "A strategy is needed that is on no partnership's agenda (climate change)"),
        new("strategic_response", "Strategic response", "Something has happened that the partners must answer together (a major employer closing)"),
        new("strategic_review", "Strategic review", "Bring together how the partners approach something (community cohesion)"),
        new("emergent_strategy", "Emergent strategy", "A problem is emerging that needs a strategy (rising truancy)"),
    ];

    public static IReadOnlyList<Choice> ProposalKinds { get; } =
    [
        new("action_plan", "Action plan"),
        new("policy", "Policy"),
        new("programme", "Programme"),
        new("issues_paper", "Issues paper"),
    ];

    public static IReadOnlyList<Choice> Outcomes { get; } =
    [
        new("approved", "Approved"),
        new("approved_with_amendments", "Approved with amendments"),
        new("rejected", "Rejected"),
        new("deferred", "Deferred"),
        new("referred_back", "Referred back", "Sent back for more deliberation"),
    ];

    public static IReadOnlyList<Choice> MeetingKinds { get; } =
    [
        new("ordinary", "Ordinary meeting"),
        new("special", "Special meeting", "Called for particular business"),
    ];

    /// <summary>Bodies as choices, by name, with the roles they may play in the cycle as the hint.</summary>
    public static IReadOnlyList<Choice> BodyOptions(IEnumerable<BodySummary> bodies) =>
        [.. bodies.OrderBy(b => b.Name, StringComparer.CurrentCulture)
            .Select(b => new Choice(b.Id.ToString(), b.Name, b.Roles.Count == 0 ? null : "Can be " + string.Join(", ", b.Roles.Select(Words.Lower))))];

    public static IReadOnlyList<Choice> OrganisationOptions(IEnumerable<OrganisationSummary> organisations) =>
        [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new Choice(o.Id.ToString(), o.Name))];

    /// <summary>"£250,000.00" or what is given in kind.</summary>
    public static string Given(decimal? amount, string? inKind) =>
        amount is { } pounds ? pounds.ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : inKind ?? "";
}
