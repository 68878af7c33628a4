using Concordat.Web.Apis;
using Concordat.Web.Apis.Clerk;
using Concordat.Web.Clerk;
using Concordat.Web.Meetings;
using Concordat.Web.Referrals;

namespace Concordat.Web.Tests;

/// <summary>
/// The logic behind a clerk's cycle pages: who "all district LSPs" asks, what the agenda builder offers from what the
/// body holds, and how the rows of an allocations table become what is sent (and the service's refusal the row typed in).
/// </summary>
public sealed class ClerkCycleTests
{
    private static readonly Guid Gsp = Guid.NewGuid();
    private static readonly Guid Cheltenham = Guid.NewGuid();
    private static readonly Guid Stroud = Guid.NewGuid();
    private static readonly Guid OldLsp = Guid.NewGuid();
    private static readonly Guid Cypsp = Guid.NewGuid();
    private static readonly Guid Abg = Guid.NewGuid();

    private static BodySummary Body(Guid id, string name, string scope, string tier, string status = "active", params string[] roles) =>
        new(id, name, null, "strategic", scope, null, tier, null, null, null, roles, status, null);

    private static readonly BodySummary[] Bodies =
    [
        Body(Gsp, "Gloucestershire Strategic Partnership", "geographic", "county", roles: "deliberative"),
        Body(Stroud, "Stroud LSP", "geographic", "district", roles: ["deliberative", "delivery"]),
        Body(Cheltenham, "Cheltenham Strategic Partnership", "geographic", "district", roles: ["deliberative", "delivery"]),
        Body(OldLsp, "A dissolved LSP", "geographic", "district", "dissolved"),
        Body(Cypsp, "Children and Young People's Partnership", "thematic", "county", roles: "delivery"),
        Body(Abg, "Accountable Bodies Group", "geographic", "county", roles: "authorising"),
    ];

    [Fact]
    public void All_district_LSPs_asks_every_active_district_partnership_by_name_and_no_other()
    {
        var group = ReferralGroups.Named("district-lsps")!;

        var asked = ReferralGroups.Members(group.Selection, Bodies, referrer: Gsp);

        Assert.Equal(["Cheltenham Strategic Partnership", "Stroud LSP"], asked.Select(b => b.Name));
        Assert.Equal(new BodySelection("district", "geographic", null), group.Selection);
    }

    [Fact]
    public void A_group_never_asks_the_body_referring()
    {
        var everyCounty = ReferralGroups.Named("county")!;

        var asked = ReferralGroups.Members(everyCounty.Selection, Bodies, referrer: Gsp);

        Assert.DoesNotContain(asked, b => b.Id == Gsp);
        Assert.Contains(asked, b => b.Id == Abg);
    }

    [Fact]
    public void The_group_choice_names_who_each_group_would_ask_today()
    {
        var options = ReferralGroups.Options(Bodies, Gsp);

        Assert.Equal(ReferralGroups.None, options[0].Value);
        var lsps = options.Single(o => o.Value == "district-lsps");
        Assert.Equal("All district LSPs", lsps.Text);
        Assert.Equal("2 bodies: Cheltenham Strategic Partnership, Stroud LSP", lsps.Hint);
    }

    private static HeldIssue Held(Guid id, string title, string stage) => new(id, title, "strategic_response", stage, null, false, []);

    private static MeetingRecord Meeting(params AgendaItem[] items) =>
        new(Guid.NewGuid(), [Abg], DateTimeOffset.UtcNow.AddDays(7), "Shire Hall", "special", "draft", items, null, null, "\"1\"");

    [Fact]
    public void The_agenda_builder_offers_what_the_body_holds_that_is_not_on_the_agenda_yet()
    {
        var employco = Guid.NewGuid();
        var cohesion = Guid.NewGuid();
        var truancy = Guid.NewGuid();
        var holding = new Holding(Abg, "ABG", new DateOnly(2026, 11, 30),
            new HeldIssues([], [Held(employco, "Employco closes its plant", "authorisation"), Held(cohesion, "Community cohesion", "authorisation")], [], []),
            [new AwaitedReferral(Guid.NewGuid(), truancy, "Truancy is rising", Gsp, null, new DateOnly(2027, 1, 31), false)], [], false);
        var meeting = Meeting(new AgendaItem(Guid.NewGuid(), "issue", cohesion, null, "Community cohesion", [], null));
        var plan = new ProposalRecord(Guid.NewGuid(), employco, Abg, Abg, "action_plan", "Employco action plan", null, [], null, null, null, false, "\"1\"");

        var choices = AgendaChoices.From([holding], meeting, [plan]);

        Assert.Equal(
            [$"proposal:{plan.Id}", $"issue:{employco}", $"referral:{truancy}", AgendaChoices.OtherBusiness],
            choices.Select(c => c.Key));
        var proposal = choices[0];
        Assert.Equal(("proposal", employco, plan.Id), (proposal.Kind, proposal.IssueId, proposal.ProposalId));
        Assert.Equal("referral_responses", choices[2].Kind);
    }

    [Fact]
    public void A_proposal_already_placed_or_put_to_another_body_is_not_offered()
    {
        var issue = Guid.NewGuid();
        var placedHere = new ProposalRecord(Guid.NewGuid(), issue, Abg, Abg, "policy", "Placed here", null, [], Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), false, "\"1\"");
        var elsewhere = new ProposalRecord(Guid.NewGuid(), issue, Gsp, Gsp, "policy", "Put to the GSP", null, [], null, null, null, false, "\"1\"");

        var choices = AgendaChoices.From([], Meeting(), [placedHere, elsewhere]);

        Assert.Equal([AgendaChoices.OtherBusiness], choices.Select(c => c.Key));
    }

    [Fact]
    public void A_proposal_the_cycle_says_awaits_a_meeting_is_offered_even_when_deferred_from_one_that_has_passed()
    {
        var issue = Guid.NewGuid();
        var deferred = new ProposalRecord(Guid.NewGuid(), issue, Abg, Gsp, "policy", "Deferred last time", null, [], Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-7), Guid.NewGuid(), true, "\"2\"");
        var toTheGsp = new ProposalRecord(Guid.NewGuid(), issue, Gsp, Gsp, "policy", "Put to the GSP", null, [], null, null, null, false, "\"1\"");

        var choices = AgendaChoices.From([], Meeting(), [], [deferred, toTheGsp]);

        Assert.Equal([$"proposal:{deferred.Id}", AgendaChoices.OtherBusiness], choices.Select(c => c.Key));
    }

    [Fact]
    public void Blank_rows_are_left_out_and_amounts_are_read_as_people_write_them()
    {
        var county = Guid.NewGuid();
        var college = Guid.NewGuid();
        List<AllocationRow> typed =
        [
            new() { OrganisationId = county.ToString(), AmountGbp = "£250,000" },
            new(),
            new() { OrganisationId = college.ToString(), InKind = " Retraining places for 600 workers " },
            new(),
        ];

        var rows = new AllocationRows("allocations", typed);

        Assert.Equal(
            [new Allocation(county, 250000m, null), new Allocation(college, null, "Retraining places for 600 workers")],
            rows.Allocations);
        Assert.Empty(rows.Errors);
    }

    [Fact]
    public void The_services_refusal_of_an_allocation_lands_on_the_row_it_was_typed_in()
    {
        List<AllocationRow> typed = [new(), new() { AmountGbp = "10" }, new(), new() { OrganisationId = Guid.NewGuid().ToString(), AmountGbp = "-5" }];

        var rows = new AllocationRows("allocations", typed);

        Assert.Equal("allocations[1].organisationId", rows.FieldOf("allocations[0].organisationId"));
        Assert.Equal("allocations[3].amountGbp", rows.FieldOf("allocations[1].amountGbp"));
        Assert.Equal("summary", rows.FieldOf("summary"));
    }

    [Fact]
    public void An_amount_that_is_not_a_number_is_refused_on_its_row_before_anything_is_sent()
    {
        var rows = new AllocationRows("requestedResources", [new(), new() { OrganisationId = Guid.NewGuid().ToString(), AmountGbp = "lots" }]);

        Assert.Equal(["requestedResources[1].amountGbp"], rows.Errors.Keys);
    }
}
