using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Registry;
using Concordat.LocalServers;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Tests;

/// <summary>
/// The registry as the cycle hears it: bodies and memberships announced through the real broker, as the registry's
/// relay would, and waited for until the cycle has applied them; and callers whose tokens those memberships back.
/// </summary>
public static class CycleRegistry
{
    /// <summary>Registers a body (with its roles, tier and scope) and waits until the cycle knows it.</summary>
    public static async Task<Guid> BodyAsync(this CycleFactory cycle, string name, string[] roles, string? tier = "county", string? scope = "thematic")
    {
        var registered = CycleFactory.BodyRegistered(name) with { Roles = roles, Tier = tier, Scope = scope, BodyType = "strategic" };
        await cycle.PublishAndWaitAsync(registered);
        return registered.BodyId;
    }

    /// <summary>Dissolves a body today and waits until the cycle knows.</summary>
    public static async Task DissolveAsync(this CycleFactory cycle, Guid body) => await cycle.PublishAndWaitAsync(new BodyDissolved
    {
        EventId = Guid.CreateVersion7(),
        Source = new Uri("http://glos.test/registry"),
        InstanceId = "glos",
        OccurredAt = DateTimeOffset.UtcNow,
        Subject = $"bodies/{body}",
        BodyId = body,
        DissolvedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
    });

    /// <summary>A person who signs in as <paramref name="subject"/> takes a place on <paramref name="body"/>; the membership's event.</summary>
    public static MembershipStarted Membership(Guid body, string subject, string capacity, string name = "Alex Example") => new()
    {
        EventId = Guid.CreateVersion7(),
        Source = new Uri("http://glos.test/registry"),
        InstanceId = "glos",
        OccurredAt = DateTimeOffset.UtcNow,
        Subject = $"memberships/{Guid.CreateVersion7()}",
        MembershipId = Guid.CreateVersion7(),
        BodyId = body,
        PersonId = Guid.CreateVersion7(),
        PersonName = name,
        PersonSubject = subject,
        Role = capacity,
        Voting = capacity != "clerk",
        StartsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)),
    };

    /// <summary>
    /// A client for a new person seated on <paramref name="body"/> in <paramref name="capacity"/> (<c>clerk</c>,
    /// <c>member</c>, <c>chair</c>), whose token carries <paramref name="role"/>.
    /// </summary>
    public static async Task<HttpClient> SeatedAsync(this CycleFactory cycle, Guid body, string capacity, string role, string name = "Alex Example")
    {
        var subject = $"person-{Guid.NewGuid():N}";
        await cycle.PublishAndWaitAsync(Membership(body, subject, capacity, name));
        return cycle.ClientFor(subject, role);
    }

    public static HttpClient ClientFor(this CycleFactory cycle, string subject, params string[] roles) =>
        cycle.CreateClient(cycle.Tokens.Token(new TokenRequest { Subject = subject, Roles = roles }));

    public static async Task PublishAndWaitAsync<T>(this CycleFactory cycle, T message)
        where T : Contracts.IntegrationEvent
    {
        using var watcher = new ConsumeWatcher(cycle.Services.GetRequiredService<IBus>());
        await cycle.PublishAsync(message);
        await watcher.WaitForAsync(message.EventId);
    }

    /// <summary>Raises an issue held by <paramref name="holders"/>; its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> RaiseAsync(this HttpClient client, Guid[] holders, string? theme = null, string kind = "strategy_development", Guid? raisedBy = null)
    {
        using var response = await client.PostAsJsonAsync("/api/cycle/issues", new
        {
            title = "Climate change strategy",
            description = "The Stern report's threats to Gloucestershire.",
            kind,
            themes = theme is null ? Array.Empty<string>() : [theme],
            raisedByBodyId = raisedBy ?? holders[0],
            holders,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var issue = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (issue.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    /// <summary>POSTs a move under <paramref name="etag"/>.</summary>
    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, Guid issue, string? etag, string to, Guid[]? holders = null, string? reason = null)
    {
        var request = Conditional(HttpMethod.Post, $"/api/cycle/issues/{issue}/moves", etag, new { to, holders, reason });
        return client.SendAsync(request);
    }

    public static HttpRequestMessage Conditional(HttpMethod method, string path, string? etag, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    /// <summary>Makes a referral; its id.</summary>
    public static async Task<Guid> ReferAsync(this HttpClient client, Guid issue, object request)
    {
        using var response = await client.PostAsJsonAsync($"/api/cycle/issues/{issue}/referrals", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a 409 naming <paramref name="rule"/> under the cycle's problem types.</summary>
    public static async Task AssertRuleAsync(HttpResponseMessage response, string rule)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(CycleProblems.TypeBase + rule, problem.GetProperty("type").GetString());
    }

    public static DateOnly Today => StatutoryCalendar.UkToday(TimeProvider.System);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
