using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Registry;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>The cycle's read model of the registry's memberships: who may act for a body, and which bodies a caller sits on.</summary>
public sealed class MembershipReadModelTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    [Fact]
    public async Task A_clerk_acts_for_their_body_and_a_clerk_of_another_body_does_not()
    {
        var (gsp, lsp) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("LSP", ["deliberative"]));
        var gspClerk = await cycle.SeatedAsync(gsp, "clerk", "clerk");
        var lspClerk = await cycle.SeatedAsync(lsp, "clerk", "clerk");

        using var own = await gspClerk.PostAsJsonAsync("/api/cycle/issues", Raise(gsp));
        using var other = await lspClerk.PostAsJsonAsync("/api/cycle/issues", Raise(gsp));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Any_clerk_of_a_joint_holder_may_move_the_issue_and_a_clerk_of_neither_may_not()
    {
        var (forest, gloucester, abg) = (await cycle.BodyAsync("Forest of Dean LSP", ["deliberative"]), await cycle.BodyAsync("Gloucester LSP", ["deliberative"]),
            await cycle.BodyAsync("ABG", ["authorising"]));
        var clerks = new Dictionary<Guid, HttpClient>
        {
            [forest] = await cycle.SeatedAsync(forest, "clerk", "clerk"),
            [gloucester] = await cycle.SeatedAsync(gloucester, "clerk", "clerk"),
        };
        using var outsider = await cycle.SeatedAsync(abg, "clerk", "clerk");
        var (id, etag) = await cycle.CreateClient().RaiseAsync([forest, gloucester]);
        // Whichever holder sorts last is not the resolver's first guess: its clerk must still be recognised.
        var last = new[] { forest, gloucester }.Max();

        using var refused = await outsider.MoveAsync(id, etag, "authorisation", [abg]);
        using var moved = await clerks[last].MoveAsync(id, etag, "authorisation", [abg]);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task When_the_membership_ends_the_clerk_no_longer_acts_for_the_body()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var subject = $"person-{Guid.NewGuid():N}";
        var started = Membership(gsp, subject, "clerk");
        await cycle.PublishAndWaitAsync(started);
        using var clerk = cycle.ClientFor(subject, "clerk");
        using var before = await clerk.PostAsJsonAsync("/api/cycle/issues", Raise(gsp));

        await cycle.PublishAndWaitAsync(Ended(started, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2))));
        using var after = await clerk.PostAsJsonAsync("/api/cycle/issues", Raise(gsp));

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task An_end_that_arrives_before_its_start_still_ends_the_membership()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var subject = $"person-{Guid.NewGuid():N}";
        var started = Membership(gsp, subject, "clerk");

        await cycle.PublishAndWaitAsync(Ended(started, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1))));
        await cycle.PublishAndWaitAsync(started);
        using var clerk = cycle.ClientFor(subject, "clerk");
        using var refused = await clerk.PostAsJsonAsync("/api/cycle/issues", Raise(gsp));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_caller_sees_the_bodies_they_sit_on_and_in_what_capacity()
    {
        var (gsp, cseb) = (await cycle.BodyAsync("Gloucestershire Strategic Partnership", ["deliberative"]), await cycle.BodyAsync("Community Strategy Executive Board", ["executive"]));
        var subject = $"person-{Guid.NewGuid():N}";
        await cycle.PublishAndWaitAsync(Membership(gsp, subject, "vice_chair"));
        await cycle.PublishAndWaitAsync(Membership(cseb, subject, "member"));
        using var client = cycle.ClientFor(subject, "member");

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/cycle/me/bodies");

        var seated = mine.EnumerateArray().ToDictionary(b => b.GetProperty("bodyId").GetGuid(), b => b.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Equal(2, seated.Count);
        Assert.Equal(["chair", "member"], seated[gsp]);
        Assert.Equal(["member"], seated[cseb]);
    }

    private static object Raise(Guid body) => new { title = "Community cohesion", kind = "strategic_review", raisedByBodyId = body, holders = new[] { body } };

    private static MembershipEnded Ended(MembershipStarted started, DateOnly endsOn) => new()
    {
        EventId = Guid.CreateVersion7(),
        Source = started.Source,
        InstanceId = started.InstanceId,
        OccurredAt = DateTimeOffset.UtcNow,
        Subject = started.Subject,
        MembershipId = started.MembershipId,
        BodyId = started.BodyId,
        PersonId = started.PersonId,
        EndsOn = endsOn,
    };
}
