using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.ServiceDefaults;
using Concordat.LocalServers;
using Concordat.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

/// <summary>A clock the test sets: the service reads "now" from it, while its timers still run on real time.</summary>
public sealed class SetClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The scrutiny service reading its clocks from <see cref="Clock"/>.</summary>
public sealed class ClockedScrutinyFactory : ScrutinyFactory
{
    public SetClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// Every clock the API returns is read by the service on its UK "today", so a page only words it: days left (0 on the
/// due day), overdue and by how many days, and once answered, whether late and by how many UK days. Tests in a class
/// run one at a time, so each sets the service's clock as it needs.
/// </summary>
public sealed class ClockTests(ClockedScrutinyFactory scrutiny) : IClassFixture<ClockedScrutinyFactory>
{
    // Noon in London on a winter weekday: the UK day is 30 November 2026.
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private HttpClient PartnerOf(Guid organisation) =>
        scrutiny.CreateClient(scrutiny.Tokens.Token(new TokenRequest { Subject = $"api-key:{Guid.NewGuid():N}", Roles = [ConcordatRoles.Partner], Organisation = organisation.ToString() }));

    /// <summary>A request to a new partner, sent on <paramref name="sentOn"/> (due 28 days later), read back as the committee sees it.</summary>
    private async Task<(Guid Id, Guid Partner, JsonElement Request)> SendAsync(DateOnly sentOn)
    {
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        var partner = Guid.CreateVersion7();
        using var sent = await scrutiny.CreateClient().PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests",
            new { organisationId = partner, question = "How many looked-after children were placed out of county last year?", sentOn });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var request = await sent.Content.ReadFromJsonAsync<JsonElement>();
        return (request.GetProperty("id").GetGuid(), partner, request);
    }

    private async Task<JsonElement> ReadAsync(Guid id) =>
        await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>($"/api/scrutiny/information-requests/{id}");

    private async Task<JsonElement> AnswerAsync(Guid id, Guid partner)
    {
        using var client = PartnerOf(partner);
        using var read = await client.GetAsync($"/api/scrutiny/information-requests/{id}");
        using var answered = await client.SendAsync(InformationRequestTests.Conditional($"/api/scrutiny/information-requests/{id}/answer", read.Headers.ETag!.ToString(),
            new { answer = "Forty-two, of whom eleven out of region." }));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        return await answered.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The clock's members: days left, overdue, days overdue, answered late, days late (null where the API sends null).</summary>
    private static (int? DaysLeft, bool Overdue, int DaysOverdue, bool? AnsweredLate, int? DaysLate) Clock(JsonElement request) => (
        Nullable(request, "daysLeft")?.GetInt32(), request.GetProperty("overdue").GetBoolean(), request.GetProperty("daysOverdue").GetInt32(),
        Nullable(request, "answeredLate")?.GetBoolean(), Nullable(request, "daysLate")?.GetInt32());

    private static JsonElement? Nullable(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value ? value : null;

    [Fact]
    public async Task A_request_due_in_3_days_has_3_days_left()
    {
        scrutiny.Clock.Now = Noon;

        var (id, _, sent) = await SendAsync(Today.AddDays(-25));

        Assert.Equal(Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sent.GetProperty("dueOn").GetString());
        Assert.Equal((3, false, 0, null, null), Clock(sent));
        Assert.Equal((3, false, 0, null, null), Clock(await ReadAsync(id)));
    }

    [Fact]
    public async Task On_its_due_day_a_request_has_0_days_left_and_is_not_overdue()
    {
        scrutiny.Clock.Now = Noon;

        var (id, _, _) = await SendAsync(Today.AddDays(-28));

        Assert.Equal((0, false, 0, null, null), Clock(await ReadAsync(id)));
    }

    [Fact]
    public async Task A_week_after_its_due_day_a_request_is_overdue_by_7_with_no_days_left()
    {
        scrutiny.Clock.Now = Noon;
        var (id, _, _) = await SendAsync(Today.AddDays(-35));

        var overdue = await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/scrutiny/committees/{(await ReadAsync(id)).GetProperty("committeeBodyId").GetGuid()}/information-requests/overdue");

        Assert.Equal((null, true, 7, null, null), Clock(await ReadAsync(id)));
        Assert.Equal((null, true, 7, null, null), Clock(Assert.Single(overdue.EnumerateArray())));
    }

    [Fact]
    public async Task An_answer_on_the_due_day_is_on_time_and_stops_the_clock()
    {
        scrutiny.Clock.Now = Noon;
        var (id, partner, _) = await SendAsync(Today.AddDays(-28));

        var answered = await AnswerAsync(id, partner);
        scrutiny.Clock.Now = Noon.AddDays(10);

        Assert.Equal((null, false, 0, false, 0), Clock(answered));
        Assert.Equal((null, false, 0, false, 0), Clock(await ReadAsync(id)));
    }

    [Fact]
    public async Task An_answer_two_days_after_the_due_day_is_late_by_2_and_not_overdue()
    {
        scrutiny.Clock.Now = Noon;
        var (id, partner, _) = await SendAsync(Today.AddDays(-30));

        var answered = await AnswerAsync(id, partner);
        scrutiny.Clock.Now = Noon.AddDays(10);

        Assert.Equal((null, false, 0, true, 2), Clock(answered));
        Assert.Equal((null, false, 0, true, 2), Clock(await ReadAsync(id)));
    }

    [Fact]
    public async Task An_answer_at_23_30_UTC_on_a_summer_due_day_is_given_the_next_UK_day_so_late_by_1()
    {
        // Due 1 July 2026 (BST, UTC+1). At 22:30 UTC it is 23:30 in London, still the due day; at 23:30 UTC it is 00:30 on 2 July.
        var dueOn = new DateOnly(2026, 7, 1);
        scrutiny.Clock.Now = new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero);
        var (id, partner, sent) = await SendAsync(dueOn.AddDays(-28));

        scrutiny.Clock.Now = new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero);
        var stillOpen = await ReadAsync(id);
        var answered = await AnswerAsync(id, partner);

        Assert.Equal("2026-07-01", sent.GetProperty("dueOn").GetString());
        Assert.Equal((0, false, 0, null, null), Clock(sent));
        Assert.Equal((null, true, 1, null, null), Clock(stillOpen));
        Assert.Equal((null, false, 0, true, 1), Clock(answered));
    }

    [Fact]
    public async Task A_recommendations_response_clock_counts_days_left_then_overdue_and_a_late_response_by_its_days()
    {
        // Published 30 November 2026: responses are due two calendar months on, 30 January 2027 (61 UK days).
        scrutiny.Clock.Now = Noon;
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        var (pct, police) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        using var drafted = await scrutiny.CreateClient().PostAsJsonAsync($"/api/scrutiny/committees/{committee}/reports", new
        {
            title = "Out-of-county placements",
            findings = "Too many children are placed far from home.",
            recommendations = new object[]
            {
                new { text = "Commission local placements.", addresseeOrganisationId = pct },
                new { text = "Share missing-from-care data.", addresseeOrganisationId = police },
            },
        });
        var report = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        var id = report.GetProperty("id").GetGuid();
        using var published = await scrutiny.CreateClient().SendAsync(InformationRequestTests.Conditional($"/api/scrutiny/reports/{id}/publication", drafted.Headers.ETag!.ToString(), new { }));
        var recommendations = report.GetProperty("recommendations").EnumerateArray().Select(r => $"/api/scrutiny/recommendations/{r.GetProperty("id").GetGuid()}").ToArray();
        var draftClock = report.GetProperty("recommendations")[0];

        var justPublished = await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>(recommendations[0]);
        scrutiny.Clock.Now = new DateTimeOffset(2027, 1, 30, 12, 0, 0, TimeSpan.Zero);
        var dueToday = await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>(recommendations[0]);
        scrutiny.Clock.Now = new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero);
        using var pctClient = PartnerOf(pct);
        using var read = await pctClient.GetAsync(recommendations[0]);
        using var responded = await pctClient.SendAsync(InformationRequestTests.Conditional(recommendations[0] + "/response", read.Headers.ETag!.ToString(),
            new { outcome = "rejected", reasons = "Placements are commissioned regionally." }));
        scrutiny.Clock.Now = new DateTimeOffset(2027, 2, 6, 12, 0, 0, TimeSpan.Zero);
        var late = await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>(recommendations[0]);
        var overdue = await scrutiny.CreateClient().GetFromJsonAsync<JsonElement>(recommendations[1]);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(JsonValueKind.Null, draftClock.GetProperty("daysLeft").ValueKind);
        Assert.Equal("2027-01-30", justPublished.GetProperty("responseDueOn").GetString());
        Assert.Equal((61, false, 0), ResponseClock(justPublished));
        Assert.Equal((0, false, 0), ResponseClock(dueToday));
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
        Assert.Equal((null, false, 0), ResponseClock(late));
        Assert.True(late.GetProperty("response").GetProperty("late").GetBoolean());
        Assert.Equal(2, late.GetProperty("response").GetProperty("daysLate").GetInt32());
        Assert.Equal((null, true, 7), ResponseClock(overdue));
    }

    private static (int? DaysLeft, bool Overdue, int DaysOverdue) ResponseClock(JsonElement recommendation) =>
        (Nullable(recommendation, "daysLeft")?.GetInt32(), recommendation.GetProperty("overdue").GetBoolean(), recommendation.GetProperty("daysOverdue").GetInt32());
}
