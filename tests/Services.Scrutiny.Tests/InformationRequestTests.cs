using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Clocks;
using Concordat.Scrutiny.InformationRequests;
using Concordat.ServiceDefaults;
using Concordat.ServiceKit;
using Concordat.LocalServers;
using Concordat.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

public sealed class InformationRequestTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    private static DateOnly Today => StatutoryCalendar.UkToday(TimeProvider.System);

    private HttpClient PartnerOf(Guid organisation) =>
        scrutiny.CreateClient(scrutiny.Tokens.Token(new TokenRequest { Subject = $"api-key:{Guid.NewGuid():N}", Roles = [ConcordatRoles.Partner], Organisation = organisation.ToString() }));

    private async Task<(Guid Committee, HttpClient Clerk)> CommitteeAsync()
    {
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        return (committee, await scrutiny.SeatedAsync(committee, "clerk", ConcordatRoles.Clerk));
    }

    private static async Task<(JsonElement Request, string ETag)> SendAsync(HttpClient clerk, Guid committee, Guid organisation, DateOnly? sentOn = null)
    {
        using var sent = await clerk.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests",
            new { organisationId = organisation, question = "How many looked-after children were placed out of county last year?", sentOn });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>(), sent.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_request_is_due_28_days_after_it_was_sent_and_announced()
    {
        var (committee, clerk) = await CommitteeAsync();
        var pct = Guid.CreateVersion7();

        var (request, _) = await SendAsync(clerk, committee, pct);
        var id = request.GetProperty("id").GetGuid();
        var announced = await scrutiny.EventsAsync<InformationRequested>($"information-requests/{id}");

        Assert.Equal(Today.AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), request.GetProperty("dueOn").GetString());
        Assert.Equal("awaiting", request.GetProperty("status").GetString());
        var only = Assert.Single(announced);
        Assert.Equal((committee, pct, Today, Today.AddDays(28), ScrutinyRegimeOptions.England2009), (only.CommitteeBodyId, only.OrganisationId, only.SentOn, only.DueOn, only.Regime));
    }

    [Fact]
    public async Task A_partner_sees_and_answers_only_requests_addressed_to_its_organisation()
    {
        var (committee, clerk) = await CommitteeAsync();
        var (pct, police) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (request, etag) = await SendAsync(clerk, committee, pct);
        var id = request.GetProperty("id").GetGuid();
        using var pctKey = PartnerOf(pct);
        using var policeKey = PartnerOf(police);

        using var probed = await policeKey.GetAsync($"/api/scrutiny/information-requests/{id}");
        using var probedAnswer = await policeKey.SendAsync(Conditional($"/api/scrutiny/information-requests/{id}/answer", etag, new { answer = "Not ours." }));
        var policeList = await policeKey.GetFromJsonAsync<JsonElement>("/api/scrutiny/partner/information-requests");
        var pctList = await pctKey.GetFromJsonAsync<JsonElement>("/api/scrutiny/partner/information-requests?answered=false");
        using var read = await pctKey.GetAsync($"/api/scrutiny/information-requests/{id}");
        using var answered = await pctKey.SendAsync(Conditional($"/api/scrutiny/information-requests/{id}/answer", read.Headers.ETag!.ToString(), new { answer = "Forty-two, of whom eleven out of region." }));
        using var again = await pctKey.SendAsync(Conditional($"/api/scrutiny/information-requests/{id}/answer", answered.Headers.ETag!.ToString(), new { answer = "Again." }));

        Assert.Equal(HttpStatusCode.NotFound, probed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, probedAnswer.StatusCode);
        Assert.Equal(0, policeList.GetProperty("items").GetArrayLength());
        Assert.Equal([id], pctList.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("answered", (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(InformationRequest.AlreadyAnswered, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        var provided = Assert.Single(await scrutiny.EventsAsync<InformationProvided>($"information-requests/{id}"));
        Assert.False(provided.Late);
    }

    [Fact]
    public async Task A_member_of_another_committee_cannot_see_a_request()
    {
        var (committee, clerk) = await CommitteeAsync();
        using var outsider = await scrutiny.SeatedAsync(await scrutiny.CommitteeAsync("Stroud Scrutiny"), "member", ConcordatRoles.Member);
        var (request, _) = await SendAsync(clerk, committee, Guid.CreateVersion7());

        using var read = await outsider.GetAsync($"/api/scrutiny/information-requests/{request.GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_request_sent_earlier_by_letter_is_overdue_and_listed()
    {
        var (committee, clerk) = await CommitteeAsync();
        var (request, _) = await SendAsync(clerk, committee, Guid.CreateVersion7(), Today.AddDays(-31));

        var overdue = await clerk.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}/information-requests/overdue");

        Assert.True(request.GetProperty("overdue").GetBoolean());
        Assert.Equal(3, request.GetProperty("daysOverdue").GetInt32());
        Assert.Contains(request.GetProperty("id").GetGuid(), overdue.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Bad_input_names_the_fields_and_stores_nothing()
    {
        var (committee, clerk) = await CommitteeAsync();

        using var future = await clerk.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests",
            new { organisationId = Guid.CreateVersion7(), question = "When?", sentOn = Today.AddDays(1) });
        using var empty = await clerk.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests", new { question = " ", regime = "nowhere" });
        var list = await clerk.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}/information-requests");

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sentOn", out _));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("organisationId", out _), errors.ToString());
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_overdue_request_is_chased_once_a_UK_day_however_often_the_chase_runs()
    {
        var (committee, clerk) = await CommitteeAsync();
        var (request, _) = await SendAsync(clerk, committee, Guid.CreateVersion7(), Today.AddDays(-10));
        var id = request.GetProperty("id").GetGuid();
        var dueEnds = StatutoryCalendar.EndOf(Today.AddDays(18));

        await scrutiny.ChaseAsync(dueEnds.AddHours(-1), (db, time) => new InformationRequestChase(db, time).ChaseAsync);
        var beforeDue = await scrutiny.EventsAsync<InformationRequestOverdue>($"information-requests/{id}");
        await scrutiny.ChaseAsync(dueEnds.AddHours(1), (db, time) => new InformationRequestChase(db, time).ChaseAsync);
        // A restart later the same UK day runs the chase again: nothing more.
        await scrutiny.ChaseAsync(dueEnds.AddHours(20), (db, time) => new InformationRequestChase(db, time).ChaseAsync);
        var firstDay = await scrutiny.EventsAsync<InformationRequestOverdue>($"information-requests/{id}");
        await scrutiny.ChaseAsync(dueEnds.AddDays(1).AddHours(1), (db, time) => new InformationRequestChase(db, time).ChaseAsync);
        var all = await scrutiny.EventsAsync<InformationRequestOverdue>($"information-requests/{id}");

        Assert.Empty(beforeDue);
        var first = Assert.Single(firstDay);
        Assert.Equal((Today.AddDays(18), Today.AddDays(19), 1), (first.DueOn, first.ChasedOn, first.DaysOverdue));
        Assert.Equal([1, 2], all.Select(e => e.DaysOverdue));
    }

    [Fact]
    public async Task A_configured_regime_sets_its_own_clock()
    {
        using var wales = scrutiny.WithWebHostBuilder(b => b.UseSetting("Scrutiny:Regimes:wales:InformationRequestDays", "20"));
        using var admin = wales.CreateClient();
        var committee = await scrutiny.CommitteeAsync("Welsh Scrutiny Committee");

        using var sent = await admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests",
            new { organisationId = Guid.CreateVersion7(), question = "How many?", regime = "wales" });
        var request = await sent.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("wales", request.GetProperty("regime").GetString());
        Assert.Equal(Today.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), request.GetProperty("dueOn").GetString());
    }

    [Fact]
    public void A_service_whose_default_regime_is_not_configured_does_not_start()
    {
        using var broken = scrutiny.WithWebHostBuilder(b => b.UseSetting("Scrutiny:DefaultRegime", "nowhere"));

        var failure = Record.Exception(() => broken.CreateClient());

        Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure);
    }

    [Fact]
    public async Task One_replica_chases_at_a_time()
    {
        var (committee, clerk) = await CommitteeAsync();
        var (request, _) = await SendAsync(clerk, committee, Guid.CreateVersion7(), Today.AddDays(-28));
        var id = request.GetProperty("id").GetGuid();
        var tomorrow = StatutoryCalendar.EndOf(Today).AddHours(1);

        // Another replica's chase, mid-run: it holds the advisory lock in its transaction.
        await using (var scope = scrutiny.Services.CreateAsyncScope())
        {
            var other = scope.ServiceProvider.GetRequiredService<Data.ScrutinyDbContext>();
            await using var transaction = await other.Database.BeginTransactionAsync();
            Assert.True(await DailyChase.TryLockAsync(other, DailyChase.InformationRequestsLock, CancellationToken.None));

            Assert.Equal(0, await scrutiny.ChaseAsync(tomorrow, (db, time) => new InformationRequestChase(db, time).ChaseAsync));
        }

        var afterwards = await scrutiny.ChaseAsync(tomorrow, (db, time) => new InformationRequestChase(db, time).ChaseAsync);

        Assert.True(afterwards >= 1);
        Assert.Single(await scrutiny.EventsAsync<InformationRequestOverdue>($"information-requests/{id}"));
    }

    internal static HttpRequestMessage Conditional(string path, string etag, object body) => AccessMatrixTests.Conditional(HttpMethod.Post, path, etag, body);
}
