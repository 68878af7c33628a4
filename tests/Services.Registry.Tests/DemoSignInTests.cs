using System.Net;
using System.Net.Http.Json;
using Concordat.LocalServers;
using Concordat.Registry.Memberships;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Tests;

/// <summary>
/// Signing in as a demo person, as the README suggests (<c>token clerk --subject demo-…</c>), on a registry of its own:
/// the test changes the demo data, which <see cref="DemoDataTests"/> counts.
/// </summary>
public sealed class DemoSignInTests(RegistryFactory registry) : IClassFixture<RegistryFactory>, IAsyncLifetime
{
    public async Task InitializeAsync() => await registry.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_demo_clerk_signs_in_as_demo_key_and_may_record_for_the_bodies_they_clerk_and_no_other()
    {
        var (bodies, clerks, people) = await registry.ReadAsync(async db => (
            await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.ShortName ?? b.Name),
            await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Clerk).ToListAsync(),
            await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id)));
        var abgClerk = people[Assert.Single(clerks, c => c.BodyId == bodies["ABG"].Id).PersonId];
        Assert.StartsWith("demo-", abgClerk.Subject, StringComparison.Ordinal);
        var notClerked = bodies.Values.First(b => !clerks.Any(c => c.BodyId == b.Id && c.PersonId == abgClerk.Id));

        // What the README suggests: `token clerk --subject demo-…` for the running platform.
        using var asClerk = registry.CreateClient(registry.Tokens.Token(new TokenRequest { Subject = abgClerk.Subject, Roles = ["clerk"] }));
        using var own = await asClerk.PostAsJsonAsync($"/api/registry/bodies/{bodies["ABG"].Id}/seats", new { title = "Observer", places = 1, voting = false });
        using var other = await asClerk.PostAsJsonAsync($"/api/registry/bodies/{notClerked.Id}/seats", new { title = "Observer", places = 1, voting = false });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
