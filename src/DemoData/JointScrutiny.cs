using System.Globalization;
using System.Net;

namespace Concordat.DemoData;

/// <summary>What loading the joint scrutiny demo did: the parts played now, those already there, and those that could not be played (and why).</summary>
public sealed record JointScrutinyLoad(IReadOnlyList<string> Played, IReadOnlyList<string> AlreadyThere, IReadOnlyList<string> Skipped);

/// <summary>
/// Overview and scrutiny in the demo, played through the public API after <see cref="AppendixOne"/> by the people of the
/// registry's demo: the Joint Partnerships Overview and Scrutiny Committee's clerk (<see cref="Clerk"/>, its scrutiny
/// officer) and chair (<see cref="Chair"/>). The committee puts the Employco closure on its work programme, asks the PCT
/// for information (sent by letter five weeks ago, so now overdue), publishes a report with two recommendations (the
/// Safer and Stronger Communities Partnership's chair answers the one addressed to it; the PCT's awaits its response),
/// and calls in the ABG's Employco decision, resolving it with no further action.
/// </summary>
/// <remarks>
/// Each part is played once: it is skipped when what it makes is already there (a topic, request or report with its
/// title or question; a call-in of the decision), so a second load adds nothing. Dates are relative to the day it is played.
/// </remarks>
public sealed class JointScrutiny(PublicApi api, TimeProvider time)
{
    /// <summary>The committee's clerk, who is also its scrutiny officer.</summary>
    public const string Clerk = "martin-coles";

    /// <summary>The committee's chair, a county councillor.</summary>
    public const string Chair = "brian-yardley";

    /// <summary>The chair of the Safer and Stronger Communities Partnership, who answers its recommendation.</summary>
    public const string PartnershipChair = "mark-ellison";

    public const string TopicTitle = "The partnerships' response to the Employco closure";
    public const string Question = "How many of Employco's former workers have been referred to NHS health and well-being support since the closure was announced, and how many are waiting?";
    public const string ReportTitle = "Supporting Employco's workforce: the partnerships' response";
    public const string PctRecommendation = "The PCT should offer every Employco worker a health check before the plant closes.";
    public const string PartnershipRecommendation = "The Safer and Stronger Communities Partnership should monitor community safety in the Forest of Dean wards most affected by the closure.";

    /// <summary>How far back the information request went by letter: five weeks, so past its 28 days.</summary>
    public const int RequestSentDaysAgo = 35;

    /// <summary>How long a step waits for scrutiny to hear what the registry and the cycle announced.</summary>
    private static readonly TimeSpan EventsWait = TimeSpan.FromMinutes(2);

    private static readonly TimeZoneInfo UkZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static Guid Committee => DemoIds.For("bodies", "joint-scrutiny");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), UkZone).DateTime);

    /// <summary>Plays each part not played yet.</summary>
    public async Task<JointScrutinyLoad> LoadAsync(CancellationToken cancellationToken)
    {
        List<string> played = [];
        List<string> there = [];
        List<string> skipped = [];
        foreach (var (part, isThere, play) in Parts())
        {
            if (await isThere(cancellationToken))
            {
                there.Add(part);
                continue;
            }

            if (await play(cancellationToken) is { } why)
            {
                skipped.Add($"{part}: {why}");
                continue;
            }

            played.Add(part);
        }

        return new JointScrutinyLoad(played, there, skipped);
    }

    /// <summary>The Employco action plan's decision of Appendix 1 in the cycle's public decision register, if it was played.</summary>
    public async Task<Guid?> EmploycoDecisionAsync(CancellationToken cancellationToken)
    {
        var issues = await ReadAsync($"/api/cycle/issues?theme={Uri.EscapeDataString(AppendixOne.Employco.Theme)}&limit=200", cancellationToken);
        if (issues?.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("title").GetString() == AppendixOne.Employco.Title) is not { ValueKind: System.Text.Json.JsonValueKind.Object } issue)
        {
            return null;
        }

        var issueId = issue.GetProperty("id").GetGuid();
        var register = await ReadAsync($"/api/cycle/decisions?body={AppendixOne.Body("abg")}&limit=200", cancellationToken);
        // The action plan, not the urgent decision on immediate support (which no call-in can reach).
        return register?.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("issueId").GetGuid() == issueId && !d.GetProperty("urgent").GetBoolean())
            .Select(d => (Guid?)d.GetProperty("id").GetGuid()).FirstOrDefault();
    }

    private IEnumerable<(string Part, Func<CancellationToken, Task<bool>> IsThere, Func<CancellationToken, Task<string?>> Play)> Parts() =>
    [
        ("work programme topic", TopicThereAsync, TopicAsync),
        ("overdue information request to the PCT", RequestThereAsync, RequestAsync),
        ("published report with two recommendations", ReportThereAsync, ReportAsync),
        ("call-in of the Employco decision", CallInThereAsync, CallInAsync),
    ];

    private async Task<bool> TopicThereAsync(CancellationToken cancellationToken) =>
        (await ReadAsync($"/api/scrutiny/committees/{Committee}/topics?limit=200", cancellationToken))?.GetProperty("items").EnumerateArray()
            .Any(t => t.GetProperty("title").GetString() == TopicTitle) ?? false;

    private async Task<string?> TopicAsync(CancellationToken cancellationToken)
    {
        await PersistAsync(() => api.PostAsync(Clerk, $"/api/scrutiny/committees/{Committee}/topics", new
        {
            title = TopicTitle,
            description = "How well the county, the districts, the PCT and Gloucestershire First supported Employco's 4,000 workers and their families, and what the partnerships learnt for the next major closure.",
            themes = new[] { AppendixOne.Employco.Theme, "economic development", "health" },
            areas = new[] { AppendixOne.Organisation("gcc"), AppendixOne.Organisation("gloucester"), AppendixOne.Organisation("forest-of-dean") },
            bodiesInScope = new[] { AppendixOne.Body("gloucestershire-first"), AppendixOne.Body("employco-task-group") },
            organisationsInScope = new[] { AppendixOne.Organisation("pct"), AppendixOne.Organisation("gcc") },
            status = "open",
        }, cancellationToken), NotYetKnown, cancellationToken);
        return null;
    }

    private async Task<bool> RequestThereAsync(CancellationToken cancellationToken) =>
        (await PersistAsync(() => api.ReadAsAsync(Clerk, $"/api/scrutiny/committees/{Committee}/information-requests?limit=200", cancellationToken), NotYetKnown, cancellationToken))
            .Body.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("question").GetString() == Question);

    private async Task<string?> RequestAsync(CancellationToken cancellationToken)
    {
        await api.PostAsync(Clerk, $"/api/scrutiny/committees/{Committee}/information-requests", new
        {
            organisationId = AppendixOne.Organisation("pct"),
            question = Question,
            sentOn = Date(-RequestSentDaysAgo),
        }, cancellationToken);
        return null;
    }

    private async Task<bool> ReportThereAsync(CancellationToken cancellationToken) =>
        (await api.ReadAsAsync(Clerk, $"/api/scrutiny/committees/{Committee}/reports?limit=200", cancellationToken)).Body.GetProperty("items").EnumerateArray()
            .Any(r => r.GetProperty("title").GetString() == ReportTitle);

    private async Task<string?> ReportAsync(CancellationToken cancellationToken)
    {
        var draft = await api.PostAsync(Clerk, $"/api/scrutiny/committees/{Committee}/reports", new
        {
            title = ReportTitle,
            findings = "The partnerships moved quickly once the closure was announced, and the joint meeting of the Gloucester and Forest of Dean LSPs with Gloucestershire First was the right forum. Health support for the workforce came late, and the effect on the Forest's communities was not watched.",
            recommendations = new object[]
            {
                new { text = PctRecommendation, addresseeOrganisationId = AppendixOne.Organisation("pct") },
                new { text = PartnershipRecommendation, addresseeBodyId = AppendixOne.Body("safer-stronger") },
            },
        }, cancellationToken);
        var published = await api.PostAsync(Clerk, $"/api/scrutiny/reports/{draft.Id}/publication", new { }, cancellationToken, draft.ETag);
        var toPartnership = published.Body.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == 2).GetProperty("id").GetGuid();
        await PersistAsync(async () =>
        {
            var recommendation = await api.ReadAsAsync(PartnershipChair, $"/api/scrutiny/recommendations/{toPartnership}", cancellationToken);
            return await api.PostAsync(PartnershipChair, $"/api/scrutiny/recommendations/{toPartnership}/response", new
            {
                outcome = "accepted",
                reasons = "The partnership agrees: the wards around Cinderford and Lydney are where most of the workforce lives.",
                actions = new[]
                {
                    new { action = "Add the affected wards to the partnership's quarterly community safety dashboard.", targetOn = Date(60) },
                    new { action = "Report the first two quarters' figures to the committee.", targetOn = Date(200) },
                },
            }, cancellationToken, recommendation.ETag);
        }, NotYetKnown, cancellationToken);
        return null;
    }

    private async Task<bool> CallInThereAsync(CancellationToken cancellationToken) =>
        await EmploycoDecisionAsync(cancellationToken) is { } decision
        && ((await ReadAsync($"/api/scrutiny/call-ins?decision={decision}", cancellationToken))?.GetProperty("items").GetArrayLength() ?? 0) > 0;

    private async Task<string?> CallInAsync(CancellationToken cancellationToken)
    {
        if (await EmploycoDecisionAsync(cancellationToken) is not { } decision)
        {
            return "the Appendix 1 Employco decision is not in the cycle's register";
        }

        Answer callIn;
        try
        {
            // Scrutiny hears the decision from the cycle's event; until then it answers decision-not-known.
            callIn = await PersistAsync(() => api.PostAsync(Chair, $"/api/scrutiny/committees/{Committee}/call-ins", new
            {
                decisionId = decision,
                reasons = "The committee wants to be sure the action plan's support reaches the two thirds of the workforce who live in the Forest of Dean before it takes effect.",
            }, cancellationToken), e => NotYetKnown(e) || e.Message.Contains("decision-not-known", StringComparison.Ordinal), cancellationToken);
        }
        catch (DemoStepFailedException closed) when (closed.Status == HttpStatusCode.Conflict && closed.Message.Contains("call-in-window-closed", StringComparison.Ordinal))
        {
            return "the decision's call-in window has closed";
        }

        await api.PostAsync(Chair, $"/api/scrutiny/call-ins/{callIn.Id}/resolution", new
        {
            outcome = "no_further_action",
            reasons = "The ABG's conditions and the task group's monthly reports to the CSEB answer the committee's concern.",
        }, cancellationToken, callIn.ETag);

        // The cycle hears the call-in and its resolution on two queues, in either order, and holds the decision between
        // them: wait until it has heard both (the call-in's reasons and its resolution), so the demo ends as it will stay.
        var until = time.GetUtcNow() + EventsWait;
        while (time.GetUtcNow() < until && !await CycleHeardBothAsync(decision, callIn.Id, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }

        return null;
    }

    private async Task<bool> CycleHeardBothAsync(Guid decision, Guid callIn, CancellationToken cancellationToken) =>
        (await ReadAsync($"/api/cycle/decisions/{decision}", cancellationToken)) is { } known
        && known.GetProperty("callIns").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == callIn
            && c.GetProperty("resolvedAt").ValueKind == System.Text.Json.JsonValueKind.String
            && !string.IsNullOrEmpty(c.GetProperty("reasons").GetString()));

    /// <summary>
    /// Reads <paramref name="path"/> as the clerk, null on 404: public records too, so the demo's polling spends the
    /// clerk's own request budget at the gateway rather than the anonymous budget the public shares.
    /// </summary>
    private async Task<System.Text.Json.JsonElement?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.ReadAsAsync(Clerk, path, cancellationToken)).Body;
        }
        catch (DemoStepFailedException missing) when (missing.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Scrutiny has not yet heard of a committee, membership or decision the registry or the cycle announced.</summary>
    private static bool NotYetKnown(DemoStepFailedException failure) => failure.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;

    /// <summary>Repeats <paramref name="step"/> while it fails for a reason that passes once events arrive, for at most <see cref="EventsWait"/>.</summary>
    private async Task<Answer> PersistAsync(Func<Task<Answer>> step, Func<DemoStepFailedException, bool> passes, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + EventsWait;
        while (true)
        {
            try
            {
                return await step();
            }
            catch (DemoStepFailedException failure) when (passes(failure) && time.GetUtcNow() < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            }
        }
    }

    private string Date(int daysFromToday) => Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
