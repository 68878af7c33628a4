using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// A plan's actions and indicator actuals as CSV: an unchanged export imports as no change; a dry run lists the changes
/// row by row and makes none; the import changes through the API's own path (events announced); errors name row and
/// column; a refusal changes nothing.
/// </summary>
public sealed class DeliveryCsvTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task Re_importing_an_unchanged_export_changes_nothing()
    {
        var (plan, owner, indicator) = await PlanWithEverythingAsync();
        var actions = await _admin.GetByteArrayAsync($"/api/cycle/delivery-plans/{plan}/actions.csv");
        using var actualsExport = await _admin.GetAsync($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv");
        var actuals = await actualsExport.Content.ReadAsByteArrayAsync();
        var before = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}");
        var announced = await OutboxCountAsync();

        using var actionsImport = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", Csv(actions));
        using var actualsImport = await cycle.PartnerOf(owner).PostAsync($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv", Csv(actuals));

        Assert.Equal("text/csv", actualsExport.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(actualsExport.Headers.ETag);
        var text = Encoding.UTF8.GetString(actions);
        Assert.StartsWith("\uFEFFid,version,parentId,title,ownerOrganisationId,ownerBodyId,dueOn,status,rag,ragReason,percentComplete,note\r\n", text, StringComparison.Ordinal);
        Assert.Contains("'=SUM(A1) jobs fair", text, StringComparison.Ordinal);
        Assert.Contains("\"Assessors booked, elsewhere.\nAgency asked.\"", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var imported = await OkAsync(actionsImport);
        Assert.Equal((0, 0, 3), (imported.GetProperty("added").GetInt32(), imported.GetProperty("changed").GetInt32(), imported.GetProperty("unchanged").GetInt32()));
        var actualsResult = await OkAsync(actualsImport);
        Assert.Equal((0, 0, 3), (actualsResult.GetProperty("added").GetInt32(), actualsResult.GetProperty("changed").GetInt32(), actualsResult.GetProperty("unchanged").GetInt32()));
        Assert.Equal(before, await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}"));
        Assert.Equal(announced, await OutboxCountAsync());
        Assert.Contains(indicator.ToString(), Encoding.UTF8.GetString(actuals), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_lists_each_rows_change_and_changes_nothing_then_the_import_makes_them()
    {
        var (plan, owner, _) = await PlanWithEverythingAsync();
        var (plain, _) = await _admin.ActionAsync(plan, owner, Today.AddDays(40), title: "Plain action");
        var export = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}/actions.csv");
        var line = export.Split("\r\n").Single(l => l.StartsWith(plain.ToString(), StringComparison.Ordinal));
        var edited = export.Replace(line, line.Replace("not_started,,,,", "off_track,red,Funding withdrawn.,40,Grant not renewed.", StringComparison.Ordinal), StringComparison.Ordinal)
            + $",,,Open a jobs shop,{owner},,{Date(Today.AddDays(50))},,,,,\r\n";
        var before = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}");

        using var dryRun = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv?dryRun=true", Csv(edited));
        var afterDryRun = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}");
        using var import = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", Csv(edited));

        var listed = await OkAsync(dryRun);
        Assert.True(listed.GetProperty("dryRun").GetBoolean());
        Assert.Equal((1, 1, 3), (listed.GetProperty("added").GetInt32(), listed.GetProperty("changed").GetInt32(), listed.GetProperty("unchanged").GetInt32()));
        var changed = listed.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("outcome").GetString() == "changed");
        Assert.Equal(plain, changed.GetProperty("id").GetGuid());
        var fields = changed.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!, c => (c.GetProperty("from").GetString(), c.GetProperty("to").GetString()));
        Assert.Equal(("not_started", "off_track"), fields["status"]);
        Assert.Equal((null, "red"), fields["rag"]);
        Assert.Equal((null, "40"), fields["percentComplete"]);
        var added = listed.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("outcome").GetString() == "added");
        Assert.Equal(6, added.GetProperty("row").GetInt32());
        Assert.Equal(before, afterDryRun);
        await OkAsync(import);
        var stored = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}");
        var action = stored.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == plain);
        Assert.Equal("off_track", action.GetProperty("status").GetString());
        Assert.Equal("Grant not renewed.", Assert.Single(action.GetProperty("progress").EnumerateArray()).GetProperty("note").GetString());
        Assert.Contains(stored.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "Open a jobs shop");
        Assert.Single(await OutboxAsync($"delivery-actions/{plain}"), e => e.EndsWith(".ActionStatusChanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_name_the_row_and_column_and_nothing_is_imported()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, _) = await cycle.PlanAsync(_admin, cseb);
        var owner = Guid.CreateVersion7();
        var csv = "title,ownerOrganisationId,dueOn,status\r\n"
            + $"Good row,{owner},{Date(Today)},\r\n"
            + $"Bad status,{owner},{Date(Today)},sideways\r\n"
            + $"Bad date,{owner},31/03/2009,\r\n"
            + $",{owner},{Date(Today)},\r\n";

        using var import = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", Csv(csv));
        using var badHeader = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", Csv("title,owner,dueOn\r\nx,y,z\r\n"));
        using var notCsv = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", new { title = "JSON" });
        using var malformed = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv",
            Csv($"title,ownerOrganisationId,dueOn\r\nGood row,{owner},{Date(Today)}\r\n\"Unclosed quote,{owner},{Date(Today)}\r\n"));

        var problem = await ProblemAsync(import, HttpStatusCode.BadRequest);
        Assert.Equal(["actions[3].status", "actions[4].dueOn", "actions[5].title"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.EndsWith("/invalid-import", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var header = (await ProblemAsync(badHeader, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("actions[1].owner", header);
        Assert.Contains("actions[1].ownerOrganisationId", header);
        await ProblemAsync(notCsv, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(["actions[3]"], (await ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}")).GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_import_changes_nothing()
    {
        var (plan, owner, indicator) = await PlanWithEverythingAsync();
        var etag = await _admin.PlanETagAsync(plan);
        var actuals = $"indicatorId,period,value,note\r\n{indicator},2009-10,10.5,Second year.\r\n";
        var export = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}/actions.csv");
        var stale = export.Replace("not_started,,,,", "done,,,,Finished.", StringComparison.Ordinal);
        var first = export.Split("\r\n")[1];
        var (action, version) = (Guid.Parse(first[..36]), await ActionETagAsync(plan, Guid.Parse(first[..36])));
        using var changedMeanwhile = await _admin.ProgressAsync(action, version, new { note = "Changed after the export." });
        var before = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}");

        using var byStranger = await cycle.PartnerOf(Guid.CreateVersion7()).SendAsync(CsvIfMatch($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv", etag, actuals));
        using var withoutIfMatch = await cycle.PartnerOf(owner).PostAsync($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv", Csv(actuals));
        using var staleRow = await _admin.PostAsync($"/api/cycle/delivery-plans/{plan}/actions.csv", Csv(stale));

        var forbidden = await ProblemAsync(byStranger, HttpStatusCode.Forbidden);
        Assert.Equal(2, forbidden.GetProperty("row").GetInt32());
        await ProblemAsync(withoutIfMatch, (HttpStatusCode)428);
        Assert.Equal(HttpStatusCode.OK, changedMeanwhile.StatusCode);
        Assert.Equal(2, (await ProblemAsync(staleRow, HttpStatusCode.Conflict)).GetProperty("row").GetInt32());
        Assert.Equal(before, await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}"));
    }

    [Fact]
    public async Task The_indicators_owner_imports_actuals_as_through_the_api()
    {
        var (plan, owner, indicator) = await PlanWithEverythingAsync();
        using var export = await _admin.GetAsync($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv");
        var text = (await export.Content.ReadAsStringAsync()).Replace($"{indicator},Working age people on out of work benefits,%,2009-10,11,,", $"{indicator},Working age people on out of work benefits,%,2009-10,11,11.6,Employco redundancies.", StringComparison.Ordinal);

        using var import = await cycle.PartnerOf(owner).SendAsync(CsvIfMatch($"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv", export.Headers.ETag!.ToString(), text));

        var result = await OkAsync(import);
        var row = Assert.Single(result.GetProperty("rows").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "added");
        Assert.Equal(4, row.GetProperty("row").GetInt32());
        var trajectory = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/trajectory");
        Assert.Equal("behind_trajectory", trajectory.GetProperty("status").GetString());
        // Two entered through the API, the third by the import.
        Assert.Equal(3, (await OutboxAsync($"delivery-plans/{plan}")).Count(e => e.EndsWith(".IndicatorReported", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A plan with a parent action and a red child (its reason with a comma and a line break), an action whose title a
    /// spreadsheet would run as a formula, and an indicator (targets 2008-09 and 2009-10) with the 2008-09 actual entered
    /// by its owner; the plan, the owner and the indicator.
    /// </summary>
    private async Task<(Guid Plan, Guid Owner, Guid Indicator)> PlanWithEverythingAsync()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, etag) = await cycle.PlanAsync(_admin, cseb);
        var owner = Guid.CreateVersion7();
        var (parent, _) = await _admin.ActionAsync(plan, owner, Today.AddDays(90), title: "Retrain Employco staff");
        var (child, childVersion) = await _admin.ActionAsync(plan, owner, Today.AddDays(30), parent, "Book assessors");
        using var red = await _admin.ProgressAsync(child, childVersion, new { note = "None free.", status = "off_track", rag = "red", ragReason = "Assessors booked, elsewhere.\nAgency asked.", percentComplete = 10 });
        Assert.Equal(HttpStatusCode.OK, red.StatusCode);
        await _admin.ActionAsync(plan, owner, Today.AddDays(60), title: "=SUM(A1) jobs fair");
        using var added = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators", etag, new
        {
            name = "Working age people on out of work benefits", unit = "%", better = "lower", nationalIndicator = "NI 152", ownerOrganisationId = owner,
            baseline = 12.5m, baselineOn = "2008-04-01", targets = new[] { new { period = "2008-09", value = 12.0m }, new { period = "2009-10", value = 11m } },
        }));
        var indicator = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators")[0].GetProperty("id").GetGuid();
        using var reported = await cycle.PartnerOf(owner).SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/actuals",
            added.Headers.ETag!.ToString(), new { period = "2008-09", value = 11.9m, note = "First year, \"provisional\"." }));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        // A third indicator row: a period with an actual and no target of its own.
        using var extra = await cycle.PartnerOf(owner).SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/actuals",
            reported.Headers.ETag!.ToString(), new { period = "2008-09-Q5", value = 11.8m }));
        Assert.Equal(HttpStatusCode.OK, extra.StatusCode);
        return (plan, owner, indicator);
    }

    private static ByteArrayContent Csv(byte[] bytes) => new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static HttpRequestMessage CsvIfMatch(string path, string etag, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Csv(text) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string> ActionETagAsync(Guid plan, Guid action)
    {
        var csv = await _admin.GetStringAsync($"/api/cycle/delivery-plans/{plan}/actions.csv");
        return $"\"{csv.Split("\r\n").Single(l => l.StartsWith(action.ToString(), StringComparison.Ordinal)).Split(',')[1]}\"";
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Set<OutboxMessage>().CountAsync();
    }

    private async Task<List<string>> OutboxAsync(string subject)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Subject == subject).OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync();
    }
}
