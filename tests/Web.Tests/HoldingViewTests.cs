using Concordat.Web.Members;

namespace Concordat.Web.Tests;

/// <summary>
/// What a body holds, as "My bodies" and the clerk's page for the body both show it: stages in the cycle's order,
/// "Overdue" in words, and the clerk's ways in only on the clerk's page.
/// </summary>
public sealed class HoldingViewTests : BunitContext
{
    private static readonly Guid Cseb = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static HeldIssue Issue(string title, string stage, DateOnly? dueOn = null, bool overdue = false, bool joint = false) =>
        new(Guid.NewGuid(), title, "strategic_response", stage, dueOn, overdue, joint ? [Guid.NewGuid()] : []);

    private static BodyHolding Holding(
        IReadOnlyList<HeldIssue>? deliberation = null, IReadOnlyList<HeldIssue>? evaluation = null,
        IReadOnlyList<AwaitedReferral>? referrals = null, IReadOnlyList<ComingProposal>? proposals = null) =>
        new(Cseb, "Community Strategy Executive Board", Today,
            new HeldByStage(deliberation ?? [], [], [], evaluation ?? []), referrals ?? [], proposals ?? [], Truncated: false);

    private static AwaitedReferral Referral(string issue, DateOnly dueOn, bool overdue) =>
        new(Guid.NewGuid(), Guid.NewGuid(), issue, Guid.NewGuid(), "How far is unauthorised absence a problem in your area?", dueOn, overdue);

    private IRenderedComponent<HoldingView> Show(BodyHolding holding, bool forClerk = false, IReadOnlyList<BodyMeeting>? meetings = null, int level = 2) =>
        Render<HoldingView>(p => p
            .Add(v => v.Holding, holding)
            .Add(v => v.ForClerk, forClerk)
            .Add(v => v.Meetings, meetings)
            .Add(v => v.HeadingLevel, level));

    [Fact]
    public void Only_the_stages_at_which_it_holds_something_are_shown_in_the_cycles_order()
    {
        var view = Show(Holding(
            evaluation: [Issue("Employco closes its Gloucester plant", "evaluation")],
            deliberation: [Issue("Rising truancy", "deliberation", Today.AddDays(10)), Issue("Climate change", "deliberation", joint: true)]));

        Assert.Equal(["Deliberation", "Evaluation"], view.FindAll("dt").Select(d => d.TextContent));
        var deliberation = view.FindAll("dd")[0];
        Assert.Contains("Rising truancy, due by 10 December 2026", Normalised(deliberation.TextContent), StringComparison.Ordinal);
        Assert.Contains("(held jointly)", deliberation.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_holds_nothing_says_so_in_words()
    {
        var view = Show(Holding());

        Assert.Empty(view.FindAll("dl"));
        Assert.Contains("It holds no issue at any stage today.", view.Markup, StringComparison.Ordinal);
        Assert.Contains("No referral is waiting for its response.", view.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_issue_or_referral_says_Overdue_in_words_and_one_in_time_does_not()
    {
        var view = Show(Holding(
            deliberation: [Issue("Late one", "deliberation", Today.AddDays(-3), overdue: true), Issue("In time", "deliberation", Today.AddDays(3))],
            referrals: [Referral("Rising truancy", Today.AddDays(-1), overdue: true), Referral("Climate change", Today.AddDays(20), overdue: false)]));

        var items = view.FindAll("li").Select(li => Normalised(li.TextContent)).ToList();
        Assert.Contains(items, i => i.StartsWith("Late one", StringComparison.Ordinal) && i.Contains("Overdue", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("In time", StringComparison.Ordinal) && !i.Contains("Overdue", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("Rising truancy, due by 29 November 2026 Overdue", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("Climate change, due by 20 December 2026", StringComparison.Ordinal) && !i.Contains("Overdue", StringComparison.Ordinal));
        Assert.Contains(view.FindAll("h2"), h => h.TextContent == "Referrals awaiting its response (2)");
    }

    [Fact]
    public void Only_the_clerks_page_offers_to_record_a_referrals_response_for_this_body()
    {
        var holding = Holding(referrals: [Referral("Rising truancy", Today.AddDays(20), overdue: false)]);
        var referral = holding.ReferralsAwaitingResponse[0].ReferralId;

        var clerk = Show(holding, forClerk: true);
        var member = Show(holding);

        var record = clerk.FindAll("a").Single(a => a.TextContent.StartsWith("Record its response", StringComparison.Ordinal));
        Assert.Equal($"/referrals/{referral}/respond?body={Cseb}", record.GetAttribute("href"));
        Assert.Equal("Record its response on Rising truancy", record.TextContent);
        Assert.DoesNotContain(member.FindAll("a"), a => a.TextContent.StartsWith("Record its response", StringComparison.Ordinal));
    }

    [Fact]
    public void Inside_a_bodys_section_the_headings_are_one_level_down_and_its_coming_meetings_show_their_agendas()
    {
        var meeting = new BodyMeeting(Guid.NewGuid(), [Cseb], new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), "ordinary", "published",
            "Shire Hall", [new MeetingItem(Guid.NewGuid(), "issue", Guid.NewGuid(), null, "Rising truancy")], DateTimeOffset.UtcNow);

        var view = Show(Holding(), meetings: [meeting], level: 3);

        Assert.Empty(view.FindAll("h2"));
        Assert.Equal(["What it holds now", "Referrals awaiting its response (0)", "Proposals on its coming agendas (0)", "Coming meetings"],
            view.FindAll("h3").Select(h => h.TextContent));
        Assert.Equal($"/meetings/{meeting.Id}", view.Find("h4 a").GetAttribute("href"));
        Assert.Contains("Rising truancy", view.Find("ol").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_meetings_given_there_is_no_meetings_section()
    {
        var view = Show(Holding());

        Assert.DoesNotContain(view.FindAll("h2"), h => h.TextContent == "Coming meetings");
    }

    private static string Normalised(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ",", StringComparison.Ordinal);
}
