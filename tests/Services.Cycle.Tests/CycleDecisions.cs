using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Scrutiny;
using Concordat.Cycle.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Decisions as the tests take them: on an issue brought to authorisation, published, called in by scrutiny's events.</summary>
public static class CycleDecisions
{
    /// <summary>A new issue raised by a new deliberative body and moved to authorisation, held by <paramref name="authoriser"/>.</summary>
    public static async Task<(Guid Id, string ETag)> InAuthorisationAsync(this CycleFactory cycle, HttpClient admin, Guid authoriser, string? theme = null)
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (id, etag) = await admin.RaiseAsync([gsp], theme);
        using var moved = await admin.MoveAsync(id, etag, "authorisation", [authoriser]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        return (id, moved.Headers.ETag!.ToString());
    }

    public static object Request(Guid issue, Guid body, string outcome = "approved", bool urgent = false) => new
    {
        issueId = issue,
        bodyId = body,
        outcome,
        summary = "Adopt the climate change strategy and fund its first year.",
        conditions = "Report progress to the GSP in six months.",
        allocations = new object[]
        {
            new { organisationId = Guid.CreateVersion7(), amountGbp = 25000.50m },
            new { organisationId = Guid.CreateVersion7(), inKind = "A project officer, two days a week" },
        },
        meeting = urgent ? null : "Special meeting of the ABG",
        meetingOn = urgent ? null : Date(Today.AddDays(-1)),
        urgent,
        urgencyReason = urgent ? "The grant must be claimed this week." : null,
    };

    /// <summary>Takes a decision (a draft); its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> DecideAsync(this HttpClient client, Guid issue, Guid body, string outcome = "approved", bool urgent = false)
    {
        using var response = await client.PostAsJsonAsync("/api/cycle/decisions", Request(issue, body, outcome, urgent));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, Guid decision, string? etag) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/decisions/{decision}/publication", etag, new { }));

    /// <summary>Takes and publishes a decision; the decision as published.</summary>
    public static async Task<JsonElement> DecideAndPublishAsync(this HttpClient client, Guid issue, Guid body, string outcome = "approved", bool urgent = false)
    {
        var (id, etag) = await client.DecideAsync(issue, body, outcome, urgent);
        using var published = await client.PublishAsync(id, etag);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Arranges that the decision's call-in window closed a minute ago, as if the days had passed.</summary>
    public static async Task WindowPassedAsync(this CycleFactory cycle, Guid decision)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var closed = DateTimeOffset.UtcNow.AddMinutes(-1);
        Assert.Equal(1, await db.Decisions.Where(d => d.Id == decision).ExecuteUpdateAsync(s => s.SetProperty(d => d.CallInEndsAt, closed)));
    }

    public static DecisionCalledIn CalledIn(Guid decision, Guid committee, DateTimeOffset? at = null)
    {
        var callIn = Guid.CreateVersion7();
        return new DecisionCalledIn
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/scrutiny"),
            InstanceId = "glos",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"call-ins/{callIn}",
            CallInId = callIn,
            DecisionId = decision,
            CommitteeBodyId = committee,
            Reasons = "The districts were not consulted.",
            CalledInAt = at ?? DateTimeOffset.UtcNow,
        };
    }

    public static CallInResolved Resolved(DecisionCalledIn calledIn, string outcome) => new()
    {
        EventId = Guid.CreateVersion7(),
        Source = calledIn.Source,
        InstanceId = calledIn.InstanceId,
        OccurredAt = DateTimeOffset.UtcNow,
        Subject = calledIn.Subject,
        CallInId = calledIn.CallInId,
        DecisionId = calledIn.DecisionId,
        CommitteeBodyId = calledIn.CommitteeBodyId,
        Outcome = outcome,
        Reasons = outcome == CallInResolved.NoFurtherAction ? "The committee is satisfied." : "Consult the districts first.",
        ResolvedAt = DateTimeOffset.UtcNow,
    };
}
