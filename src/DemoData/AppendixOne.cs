using System.Text.Json;

namespace Concordat.DemoData;

/// <summary>What loading the Appendix 1 examples did: the examples played now, and those already there.</summary>
public sealed record AppendixOneLoad(IReadOnlyList<string> Played, IReadOnlyList<string> AlreadyThere);

/// <summary>
/// The four worked examples of the Gloucestershire prospectus's Appendix 1 (environment, Employco, community cohesion,
/// truancy), played through the public API as the people of the registry's demo would play them: the clerk of the GSP,
/// ABG and CSEB, and the chairs of the partnerships. Each example leaves its issue at a different point of the cycle.
/// Nothing is written any other way, so the demo goes through every rule and access check a user's request does.
/// </summary>
/// <remarks>
/// Each example is played once: it is skipped when an issue with its title is already there (found by its theme), so a
/// second load, or a platform restarted on the same data, adds nothing. Dates are relative to the day it is played.
/// </remarks>
public sealed partial class AppendixOne(PublicApi api, TimeProvider time)
{
    /// <summary>The clerk of the GSP, the ABG and the CSEB in the registry's demo.</summary>
    public const string Clerk = "joanna-pryce";

    /// <summary>Who acts for each body in the examples: its chair, where the registry's demo gives it no clerk.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChairOf = new Dictionary<string, string>
    {
        ["environment"] = "fiona-maddox",
        ["cypsp"] = "gillian-price",
        ["gloucestershire-first"] = "caroline-beckett",
        ["safer-stronger"] = "mark-ellison",
        ["cheltenham-lsp"] = "naomi-feltham",
        ["cotswold-lsp"] = "rupert-lyle",
        ["forest-of-dean-lsp"] = "kenneth-mayo",
        ["gloucester-lsp"] = "elaine-boxwell",
        ["stroud-lsp"] = "rosalind-kemp",
    };

    private static readonly TimeZoneInfo UkZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), UkZone).DateTime);

    /// <summary>The bodies and people the examples need, as the cycle must know them before the first step.</summary>
    public static IEnumerable<(string Person, string Body)> Actors =>
        [(Clerk, "gsp"), (Clerk, "abg"), (Clerk, "cseb"), (TaskGroupChair, "employco-task-group"), .. ChairOf.Select(c => (c.Value, c.Key))];

    /// <summary>The chair of the Employco task group (from Gloucestershire First, which leads it), who leads its delivery plan.</summary>
    public const string TaskGroupChair = "caroline-beckett";

    /// <summary>Plays each example not played yet.</summary>
    public async Task<AppendixOneLoad> LoadAsync(CancellationToken cancellationToken)
    {
        List<string> played = [];
        List<string> there = [];
        foreach (var (title, theme, play) in Examples())
        {
            if (await IssueTitledAsync(title, theme, cancellationToken) is not null)
            {
                there.Add(title);
                continue;
            }

            await play(cancellationToken);
            played.Add(title);
        }

        return new AppendixOneLoad(played, there);
    }

    /// <summary>
    /// Waits until the cycle's read model of the registry knows every person of <see cref="Actors"/> on their body, as
    /// the registry's events bring it after its own demo load. False when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<bool> WaitForRegistryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + timeout;
        var waiting = Actors.ToList();
        while (true)
        {
            foreach (var person in waiting.Select(a => a.Person).Distinct().ToList())
            {
                var seated = (await api.ReadAsAsync(person, "/api/cycle/me/bodies", cancellationToken)).Body.EnumerateArray()
                    .Select(b => b.GetProperty("bodyId").GetGuid()).ToHashSet();
                waiting.RemoveAll(a => a.Person == person && seated.Contains(Body(a.Body)));
            }

            if (waiting.Count == 0)
            {
                return true;
            }

            if (time.GetUtcNow() > until)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    /// <summary>The issue with <paramref name="title"/> among those with <paramref name="theme"/>, if there is one.</summary>
    public async Task<JsonElement?> IssueTitledAsync(string title, string theme, CancellationToken cancellationToken)
    {
        var page = await api.ReadAsync($"/api/cycle/issues?theme={Uri.EscapeDataString(theme)}&limit=200", cancellationToken);
        return page?.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("title").GetString() == title)
            .Select(i => (JsonElement?)i).FirstOrDefault();
    }

    private IEnumerable<(string Title, string Theme, Func<CancellationToken, Task> Play)> Examples() =>
    [
        (ClimateChange.Title, ClimateChange.Theme, ClimateChangeAsync),
        (Employco.Title, Employco.Theme, EmploycoAsync),
        (CommunityCohesion.Title, CommunityCohesion.Theme, CommunityCohesionAsync),
        (Truancy.Title, Truancy.Theme, TruancyAsync),
    ];

    public static Guid Body(string key) => DemoIds.For("bodies", key);

    public static Guid Organisation(string key) => DemoIds.For("organisations", key);

    private string Date(int daysFromToday) => Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A UK wall-clock time <paramref name="daysFromToday"/> days away, with its offset (GMT or BST that day).</summary>
    private DateTimeOffset UkTime(int daysFromToday, int hour, int minute = 0)
    {
        var local = Today.AddDays(daysFromToday).ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, UkZone.GetUtcOffset(local));
    }

    private Task<Answer> RaiseAsync(string person, object issue, CancellationToken cancellationToken) =>
        api.PostAsync(person, "/api/cycle/issues", issue, cancellationToken);

    private Task<Answer> MoveAsync(string person, Answer issue, string to, Guid[] holders, string reason, CancellationToken cancellationToken) =>
        api.PostAsync(person, $"/api/cycle/issues/{issue.Id}/moves", new { to, holders, reason }, cancellationToken, issue.ETag);

    private Task<Answer> ReferAsync(string person, Answer issue, object referral, CancellationToken cancellationToken) =>
        api.PostAsync(person, $"/api/cycle/issues/{issue.Id}/referrals", referral, cancellationToken);

    private Task<Answer> AnswerAsync(string body, Answer referral, string findings, bool realProblem, string? proposes, CancellationToken cancellationToken) =>
        api.PostAsync(ChairOf[body], $"/api/cycle/referrals/{referral.Id}/responses",
            new { bodyId = Body(body), findings, realProblemInArea = realProblem, proposes }, cancellationToken);

    private Task<Answer> ScheduleAsync(string person, string[] bodies, DateTimeOffset startsAt, string place, string kind, CancellationToken cancellationToken) =>
        api.PostAsync(person, "/api/cycle/meetings", new { bodyIds = bodies.Select(Body).ToArray(), startsAt, place, kind }, cancellationToken);

    private Task<Answer> AddItemAsync(string person, Answer meeting, object item, CancellationToken cancellationToken) =>
        api.PostAsync(person, $"/api/cycle/meetings/{meeting.Id}/agenda/items", item, cancellationToken, meeting.ETag);

    private Task<Answer> PublishAgendaAsync(string person, Answer meeting, CancellationToken cancellationToken) =>
        api.PostAsync(person, $"/api/cycle/meetings/{meeting.Id}/agenda/publication", new { }, cancellationToken, meeting.ETag);

    private static Guid LastItem(Answer meeting) => meeting.Body.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetGuid();
}
