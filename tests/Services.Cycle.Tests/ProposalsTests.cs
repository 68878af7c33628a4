using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Concordat.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleProposals;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// Proposals over HTTP and PostgreSQL: put by a holder to an authorising body, placed on a coming meeting's agenda,
/// private until that agenda is published; decisions naming their meeting and proposal, and announcing both.
/// </summary>
public sealed class ProposalsTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_holder_puts_a_proposal_for_a_coming_meeting_and_it_joins_the_draft_agenda_and_the_bodys_holding()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var clerk = await cycle.SeatedAsync(gsp, "clerk", "clerk");
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var (meeting, _) = await _admin.ScheduleAsync([abg], NextYear);

        using var put = await clerk.PostAsJsonAsync("/api/cycle/proposals", CycleProposals.Request(issue, abg, meeting));

        var proposal = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(put.StatusCode == HttpStatusCode.Created, proposal.ToString());
        Assert.Equal(gsp, proposal.GetProperty("proposedByBodyId").GetGuid());
        Assert.Equal("action_plan", proposal.GetProperty("kind").GetString());
        Assert.Equal(40000m, proposal.GetProperty("requestedResources")[0].GetProperty("amountGbp").GetDecimal());
        Assert.False(proposal.GetProperty("public").GetBoolean());
        var agenda = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{meeting}");
        var item = Assert.Single(agenda.GetProperty("items").EnumerateArray());
        Assert.Equal("proposal", item.GetProperty("kind").GetString());
        Assert.Equal(proposal.GetProperty("id").GetGuid(), item.GetProperty("proposalId").GetGuid());
        Assert.Equal(issue, item.GetProperty("issueId").GetGuid());
        var holding = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{abg}/holding");
        var coming = Assert.Single(holding.GetProperty("proposalsOnComingAgendas").EnumerateArray());
        Assert.Equal((proposal.GetProperty("id").GetGuid(), meeting), (coming.GetProperty("proposalId").GetGuid(), coming.GetProperty("meetingId").GetGuid()));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_json_fields_and_nothing_is_stored()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/proposals", new
        {
            issueId = issue,
            bodyId = Guid.Empty,
            kind = "action_plan",
            title = "Action plan",
            requestedResources = new object[]
            {
                new { organisationId = Guid.CreateVersion7(), amountGbp = 10m, inKind = "and a room" },
                new { amountGbp = 0.001m },
            },
            meetingId = Guid.Empty,
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.All(new[] { "bodyId", "meetingId", "requestedResources[0].amountGbp", "requestedResources[1].organisationId", "requestedResources[1].amountGbp" },
            field => Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}"));
        Assert.Equal(0, await ProposalsOnAsync(issue));
    }

    [Fact]
    public async Task A_proposal_without_a_title_or_kind_is_a_400_naming_them()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/proposals", new { issueId = issue, bodyId = gsp, title = " " });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _) && errors.TryGetProperty("kind", out _), errors.ToString());
        Assert.Equal(0, await ProposalsOnAsync(issue));
    }

    [Fact]
    public async Task A_proposal_to_a_body_without_the_authorising_role_is_refused()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/proposals", CycleProposals.Request(issue, cseb));

        await AssertRuleAsync(response, "proposal-needs-authorising-body");
        Assert.Equal(0, await ProposalsOnAsync(issue));
    }

    [Fact]
    public async Task A_body_that_does_not_hold_the_issue_puts_no_proposal_on_it()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var lsp = await cycle.BodyAsync("LSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/proposals", CycleProposals.Request(issue, abg, proposedBy: lsp));

        await AssertRuleAsync(response, "proposer-not-holder");
    }

    [Fact]
    public async Task A_proposal_is_placed_only_for_a_coming_meeting_of_the_body_it_is_put_to()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var (ofAnotherBody, _) = await _admin.ScheduleAsync([gsp], NextYear);
        var (past, _) = await _admin.ScheduleAsync([abg], DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));
        var (proposal, etag) = await _admin.ProposeAsync(issue, abg);
        var id = proposal.GetProperty("id").GetGuid();

        using var another = await _admin.PlaceAsync(id, etag, ofAnotherBody);
        using var gone = await _admin.PlaceAsync(id, etag, past);
        using var putForPast = await _admin.PostAsJsonAsync("/api/cycle/proposals", CycleProposals.Request(issue, abg, past));

        await AssertRuleAsync(another, "meeting-not-of-body");
        await AssertRuleAsync(gone, "meeting-already-past");
        await AssertRuleAsync(putForPast, "meeting-already-past");
        Assert.Equal(1, await ProposalsOnAsync(issue));
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{ofAnotherBody}")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_proposal_is_not_placed_on_a_published_agenda_nor_twice_for_coming_meetings()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var (published, _, _) = await _admin.PublishedAsync([abg]);
        var (placed, meeting, _) = await _admin.PlacedAsync(gsp, abg);
        var (later, _) = await _admin.ScheduleAsync([abg], NextYear);
        var (proposal, etag) = await _admin.ProposeAsync(issue, abg);
        var current = await _admin.GetAsync($"/api/cycle/proposals/{placed}");

        using var onPublished = await _admin.PlaceAsync(proposal.GetProperty("id").GetGuid(), etag, published);
        using var twice = await _admin.PlaceAsync(placed, current.Headers.ETag!.ToString(), later);

        await AssertRuleAsync(onPublished, "agenda-already-published");
        await AssertRuleAsync(twice, "proposal-already-placed");
        Assert.NotEqual(meeting, later);
    }

    [Fact]
    public async Task The_clerk_of_the_body_it_is_put_to_places_it_on_their_agenda()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var abgClerk = await cycle.SeatedAsync(abg, "clerk", "clerk");
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var (meeting, _) = await _admin.ScheduleAsync([abg], NextYear);
        var (proposal, etag) = await _admin.ProposeAsync(issue, abg);

        using var placed = await abgClerk.PlaceAsync(proposal.GetProperty("id").GetGuid(), etag, meeting);

        var answered = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(placed.StatusCode == HttpStatusCode.OK, answered.ToString());
        Assert.Equal(meeting, answered.GetProperty("meetingId").GetGuid());
        Assert.Equal(answered.GetProperty("agendaItemId").GetGuid(),
            (await abgClerk.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{meeting}")).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_proposal_on_a_closed_issue_is_not_placed()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, issueETag) = await _admin.RaiseAsync([gsp]);
        var (meeting, _) = await _admin.ScheduleAsync([abg], NextYear);
        var (proposal, etag) = await _admin.ProposeAsync(issue, abg);
        using var closed = await _admin.MoveAsync(issue, issueETag, "closed", reason: "Overtaken by events.");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        using var placed = await _admin.PlaceAsync(proposal.GetProperty("id").GetGuid(), etag, meeting);

        await AssertRuleAsync(placed, "issue-closed");
    }

    [Fact]
    public async Task A_proposal_is_hidden_from_the_public_until_its_agenda_is_published()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var anonymous = cycle.CreateClient(token: null);
        var outsider = await cycle.SeatedAsync(await cycle.BodyAsync("Other", ["deliberative"]), "clerk", "clerk");
        var member = await cycle.SeatedAsync(abg, "member", "member");
        var (proposal, meeting, _) = await _admin.PlacedAsync(gsp, abg);

        using var hidden = await anonymous.GetAsync($"/api/cycle/proposals/{proposal}");
        using var hiddenFromOutsider = await outsider.GetAsync($"/api/cycle/proposals/{proposal}");
        using var seenByMember = await member.GetAsync($"/api/cycle/proposals/{proposal}");
        using var published = await _admin.PublishAgendaAsync(meeting, await _admin.MeetingETagAsync(meeting));
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/proposals/{proposal}");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenFromOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seenByMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True(shown.GetProperty("public").GetBoolean());
        Assert.Equal(2, shown.GetProperty("requestedResources").GetArrayLength());
        var announced = JsonDocument.Parse(await AgendaPublishedAsync(meeting)).RootElement;
        Assert.Equal(proposal, announced.GetProperty("items")[0].GetProperty("proposalId").GetGuid());
        Assert.Equal("proposal", announced.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_bodys_unplaced_proposals_are_those_no_coming_meeting_takes_and_no_decision_names_for_those_who_act_for_it()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var abgClerk = await cycle.SeatedAsync(abg, "clerk", "clerk");
        var outsider = await cycle.SeatedAsync(await cycle.BodyAsync("Other", ["deliberative"]), "clerk", "clerk");
        var (issue, issueETag) = await _admin.RaiseAsync([gsp]);
        var (older, _) = await _admin.ProposeAsync(issue, abg);
        var (newer, _) = await _admin.ProposeAsync(issue, abg);
        var (placed, _, _) = await _admin.PlacedAsync(gsp, abg);
        var (decided, _) = await _admin.ProposeAsync(issue, abg);
        using var moved = await _admin.MoveAsync(issue, issueETag, "authorisation", [abg]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var decision = JsonSerializer.SerializeToNode(CycleDecisions.Request(issue, abg))!.AsObject();
        decision["proposalId"] = decided.GetProperty("id").GetGuid();
        using var taken = await _admin.PostAsJsonAsync("/api/cycle/decisions", decision);
        Assert.True(taken.StatusCode == HttpStatusCode.Created, await taken.Content.ReadAsStringAsync());

        var listed = await abgClerk.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{abg}/unplaced-proposals");
        using var toOutsider = await outsider.GetAsync($"/api/cycle/bodies/{abg}/unplaced-proposals");
        using var toAnonymous = await cycle.CreateClient(token: null).GetAsync($"/api/cycle/bodies/{abg}/unplaced-proposals");
        using var unknown = await _admin.GetAsync($"/api/cycle/bodies/{Guid.CreateVersion7()}/unplaced-proposals");

        // Newest first; the placed one is for a coming meeting and the decided one is named by a decision, so neither is.
        var ids = listed.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([newer.GetProperty("id").GetGuid(), older.GetProperty("id").GetGuid()], ids);
        await ProblemAsync(toOutsider, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, toAnonymous.StatusCode);
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_issues_proposals_are_listed_newest_first_and_a_private_one_only_to_the_bodies_it_concerns()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var anonymous = cycle.CreateClient(token: null);
        var outsider = await cycle.SeatedAsync(await cycle.BodyAsync("Other", ["deliberative"]), "clerk", "clerk");
        var member = await cycle.SeatedAsync(abg, "member", "member");
        var (onAgenda, meeting, issue) = await _admin.PlacedAsync(gsp, abg);
        using var published = await _admin.PublishAgendaAsync(meeting, await _admin.MeetingETagAsync(meeting));
        var (unplaced, _) = await _admin.ProposeAsync(issue, abg);
        var (elsewhere, _, _) = await _admin.PlacedAsync(gsp, abg);

        var toPublic = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/proposals");
        var toOutsider = await outsider.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/proposals");
        var toMember = await member.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/proposals");

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal([onAgenda], Ids(toPublic));
        Assert.Equal([onAgenda], Ids(toOutsider));
        Assert.Equal([unplaced.GetProperty("id").GetGuid(), onAgenda], Ids(toMember));
        Assert.DoesNotContain(elsewhere, Ids(toMember));
        Assert.True(toPublic[0].GetProperty("public").GetBoolean());
        Assert.Equal(meeting, toPublic[0].GetProperty("meetingId").GetGuid());
    }

    [Fact]
    public async Task The_proposals_of_an_issue_the_cycle_does_not_know_are_a_404_problem()
    {
        using var response = await cycle.CreateClient(token: null).GetAsync($"/api/cycle/issues/{Guid.CreateVersion7()}/proposals");

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_decision_at_a_meeting_of_another_body_is_refused()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (meeting, _) = await _admin.ScheduleAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/decisions", Linked(issue, abg, meeting, null));

        await AssertRuleAsync(response, "meeting-not-of-deciding-body");
    }

    [Fact]
    public async Task A_decision_on_a_proposal_put_to_another_body_is_refused()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var other = await cycle.BodyAsync("Other authoriser", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (proposal, _) = await _admin.ProposeAsync(issue, other, null);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/decisions", Linked(issue, abg, null, proposal.GetProperty("id").GetGuid()));

        await AssertRuleAsync(response, "proposal-put-to-another-body");
    }

    [Fact]
    public async Task A_decision_names_its_meeting_and_proposal_shows_requested_beside_allocated_and_announces_both()
    {
        var heard = new ConcurrentDictionary<Guid, DecisionPublished>();
        var handle = cycle.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"test-decision-links-{Guid.NewGuid():N}", e =>
            e.Handler<DecisionPublished>(context =>
            {
                heard[context.Message.DecisionId] = context.Message;
                return Task.CompletedTask;
            }));
        await handle.Ready;
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (meeting, _) = await _admin.ScheduleAsync([abg], CycleMeetings.SummerEvening);
        var (proposal, _) = await _admin.ProposeAsync(issue, abg);
        var proposalId = proposal.GetProperty("id").GetGuid();

        using var taken = await _admin.PostAsJsonAsync("/api/cycle/decisions", Linked(issue, abg, meeting, proposalId));
        var draft = await taken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(taken.StatusCode == HttpStatusCode.Created, draft.ToString());
        using var published = await _admin.PublishAsync(draft.GetProperty("id").GetGuid(), taken.Headers.ETag!.ToString());
        var id = draft.GetProperty("id").GetGuid();
        var shown = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        var message = await Eventually.ReturnsAsync(() => Task.FromResult(heard.GetValueOrDefault(id)), TimeSpan.FromSeconds(30), "DecisionPublished on the broker");
        await handle.StopAsync();

        Assert.Equal((meeting, proposalId), (shown.GetProperty("meetingId").GetGuid(), shown.GetProperty("proposalId").GetGuid()));
        Assert.Equal("2027-07-15", shown.GetProperty("meetingOn").GetString());
        Assert.Contains("Council Chamber", shown.GetProperty("meeting").GetString(), StringComparison.Ordinal);
        Assert.Equal(40000m, shown.GetProperty("requestedResources")[0].GetProperty("amountGbp").GetDecimal());
        Assert.Equal(25000.50m, shown.GetProperty("allocations")[0].GetProperty("amountGbp").GetDecimal());
        Assert.Equal((meeting, proposalId), (message.MeetingId, message.ProposalId));
        Assert.True((await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/proposals/{proposalId}")).GetProperty("public").GetBoolean());
    }

    [Fact]
    public async Task A_recorded_meeting_and_a_described_one_are_not_both_given()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (meeting, _) = await _admin.ScheduleAsync([abg]);

        using var response = await _admin.PostAsJsonAsync("/api/cycle/decisions", new
        {
            issueId = issue, bodyId = abg, outcome = "approved", summary = "Adopt it.", meeting = "ABG", meetingId = meeting,
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("meeting", out _), problem.ToString());
    }

    private static object Linked(Guid issue, Guid body, Guid? meeting, Guid? proposal) => new
    {
        issueId = issue,
        bodyId = body,
        outcome = "approved_with_amendments",
        summary = "Adopt the action plan, with less from the first partner.",
        allocations = new object[] { new { organisationId = Guid.CreateVersion7(), amountGbp = 25000.50m } },
        meetingId = meeting,
        proposalId = proposal,
    };

    private static List<Guid> Ids(JsonElement list) => [.. list.EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];

    private async Task<string> AgendaPublishedAsync(Guid meeting)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var subject = $"meetings/{meeting}";
        return await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Subject == subject && m.MessageType.EndsWith(".AgendaPublished")).Select(m => m.Payload).SingleAsync();
    }

    private async Task<int> ProposalsOnAsync(Guid issue)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Proposals.CountAsync(p => p.IssueId == issue);
    }
}
