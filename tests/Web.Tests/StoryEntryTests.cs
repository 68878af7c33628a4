using Concordat.Web.Apis;
using Concordat.Web.Issues;

namespace Concordat.Web.Tests;

/// <summary>An issue's timeline read as a story: each entry a sentence naming the bodies, with its links.</summary>
public sealed class StoryEntryTests : BunitContext
{
    private static readonly Guid Issue = Guid.NewGuid();
    private static readonly Guid ForestLsp = Guid.NewGuid();
    private static readonly Guid GloucesterLsp = Guid.NewGuid();
    private static readonly Guid Abg = Guid.NewGuid();

    private static readonly Dictionary<Guid, string> Names = new()
    {
        [ForestLsp] = "Forest of Dean LSP",
        [GloucesterLsp] = "Gloucester LSP",
        [Abg] = "Accountable Bodies Group",
    };

    private static TimelineItem Entry(string kind, string? from = null, string? to = null, IReadOnlyList<Guid>? fromHolders = null,
        IReadOnlyList<Guid>? toHolders = null, IReadOnlyList<Guid>? bodies = null, string? note = null, Guid? decision = null, Guid? related = null) =>
        new(Guid.NewGuid(), new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero), kind, "demo-joanna-pryce", from, to,
            fromHolders ?? [], toHolders ?? [], null, decision, bodies ?? [], note, related);

    private IRenderedComponent<StoryEntry> Show(TimelineItem entry, Guid? parent = null) =>
        Render<StoryEntry>(p => p
            .Add(e => e.Entry, entry)
            .Add(e => e.IssueId, Issue)
            .Add(e => e.ParentIssueId, parent)
            .Add(e => e.Names, id => Names.GetValueOrDefault(id, "a body")));

    [Fact]
    public void A_move_names_the_stages_and_the_bodies_that_held_it_before_and_after()
    {
        var entry = Show(Entry("moved", "deliberation", "authorisation", [ForestLsp, GloucesterLsp], [Abg]));

        Assert.Equal("Moved from deliberation with Forest of Dean LSP and Gloucester LSP to authorisation with Accountable Bodies Group",
            entry.Find("h3").TextContent);
    }

    [Fact]
    public void An_entry_says_when_in_UK_time_and_by_whom()
    {
        var entry = Show(Entry("decision_published", bodies: [Abg]));

        Assert.Equal("Accountable Bodies Group published its decision", entry.Find("h3").TextContent);
        var when = entry.Find(".concordat-story__when");
        // 13:30 UTC on 1 July is 2:30pm British Summer Time.
        Assert.Contains("1 July 2026", when.TextContent);
        Assert.Contains("2:30pm", when.TextContent);
        Assert.Contains("by demo-joanna-pryce", when.TextContent);
    }

    [Fact]
    public void A_follow_up_links_to_the_other_issue_and_shows_its_note()
    {
        var followUp = Guid.NewGuid();

        var entry = Show(Entry("follow_up_raised", note: "Follow-up raised: The future of the industry", related: followUp));

        Assert.Equal("A follow-up issue was raised", entry.Find("h3").TextContent);
        var link = entry.Find("a[href^='/issues/']");
        Assert.Equal($"/issues/{followUp}", link.GetAttribute("href"));
        Assert.Equal("The follow-up issue", link.TextContent);
        Assert.Equal("Follow-up raised: The future of the industry", entry.Find("p.govuk-body").TextContent);
    }

    [Fact]
    public void On_the_follow_up_itself_the_link_goes_back_to_the_earlier_issue()
    {
        var parent = Guid.NewGuid();

        var entry = Show(Entry("follow_up_raised", note: "A follow-up of Employco closure", related: parent), parent);

        Assert.Equal("The earlier issue", entry.Find("a[href^='/issues/']").TextContent);
    }

    [Fact]
    public void A_decision_entry_links_to_the_decision_as_open_data()
    {
        var decision = Guid.NewGuid();

        var entry = Show(Entry("decision_taken", bodies: [Abg], decision: decision));

        Assert.Equal($"/api/cycle/decisions/{decision}", entry.Find("a[type='application/json']").GetAttribute("href"));
    }
}
