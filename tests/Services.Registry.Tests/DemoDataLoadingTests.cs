using Concordat.DemoData;
using Concordat.Messaging;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Concordat.Registry.Memberships;
using Concordat.Registry.Relationships;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>A registry that holds records of its own, none of them the seed's, still gets the whole seed.</summary>
public sealed class DemoDataBesideOtherRecordsTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task A_registry_with_other_bodies_gets_all_the_demo_data()
    {
        var own = Body.Register(OwnBody, DateTimeOffset.UtcNow);
        await registry.WriteAsync(db => db.Bodies.Add(own));

        var load = await registry.SeedAsync();

        Assert.Equal(load.SeedRecords, load.Added);
        Assert.Equal(GloucestershireConference.Tables.Bodies.Count, load.Bodies);
        var bodies = await registry.ReadAsync(db => db.Bodies.AsNoTracking().Select(b => b.Id).ToListAsync());
        Assert.Contains(own.Id, bodies);
        Assert.Contains(DemoIds.For("bodies", "gsp"), bodies);
        Assert.Equal(GloucestershireConference.Tables.Bodies.Count + 1, bodies.Count);
    }

    internal static BodyDetails OwnBody => new(
        "Gloucestershire Rural Forum", null, BodyType.Consultative, BodyScope.Sectoral, "Rural communities", Tier.County, null, null, null, null, []);
}

/// <summary>A registry holding any one of the seed's records gets none of the rest: what people changed or removed stays so.</summary>
public sealed class DemoDataPartlyPresentTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task A_registry_holding_one_demo_record_gets_no_more_of_them()
    {
        var gsp = Body.Register(
            new BodyDetails("Gloucestershire Strategic Partnership", "GSP", BodyType.Strategic, BodyScope.Geographic, null, Tier.County, null, null, null, null, [CycleRole.Deliberative]),
            DateTimeOffset.UtcNow,
            DemoIds.For("bodies", "gsp"));
        await registry.WriteAsync(db => db.Bodies.AddRange(gsp, Body.Register(DemoDataBesideOtherRecordsTests.OwnBody, DateTimeOffset.UtcNow)));
        // The two registrations announced themselves; the load must announce nothing more.
        var announced = await registry.ReadAsync(db => db.Set<OutboxMessage>().CountAsync());

        var load = await registry.SeedAsync();

        Assert.Equal(0, load.Added);
        Assert.Equal(1, load.Found);
        Assert.True(load.SeedRecords > 100);
        var (bodies, people, outbox) = await registry.ReadAsync(async db =>
            (await db.Bodies.CountAsync(), await db.People.CountAsync(), await db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal((2, 0, announced), (bodies, people, outbox));
    }
}

/// <summary>The launcher sets <c>Registry:SeedDemoData</c>; the registry then loads the Conference as it starts.</summary>
public sealed class DemoDataAtStartTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task A_registry_started_with_SeedDemoData_loads_the_conference_before_it_serves()
    {
        await using var seeded = registry.WithWebHostBuilder(host => host.UseSetting("Registry:SeedDemoData", "true"));

        using var scope = seeded.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        Assert.Equal(GloucestershireConference.Tables.Bodies.Count, await db.Bodies.CountAsync());
        Assert.Equal(GloucestershireConference.Tables.Memberships.Count, await db.Memberships.CountAsync());
    }
}

/// <summary>The seed's ids and its own checks, without a database.</summary>
public sealed class DemoDataRulesTests
{
    [Fact]
    public void Demo_ids_are_RFC_9562_version_5_uuids_fixed_by_their_key()
    {
        // Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), the example in its documentation.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), DemoIds.NameBased(dns, "python.org"));

        // Pinned: a registry loaded by an earlier build must find the same ids, so keys and the name base never change.
        var gsp = DemoIds.For("bodies", "gsp");
        Assert.Equal(new Guid("9d905fb2-c4a5-5160-95aa-55c4ff27cfc3"), gsp);
        Assert.Equal(5, gsp.Version);
        Assert.Equal(gsp, DemoIds.For("bodies", "gsp"));
        Assert.NotEqual(gsp, DemoIds.For("people", "gsp"));
    }

    [Fact]
    public void Every_demo_record_has_its_own_id()
    {
        var records = GloucestershireConference.BuildRecords(DateTimeOffset.UtcNow);

        var ids = records.Organisations.Select(r => r.Id)
            .Concat(records.People.Select(r => r.Id))
            .Concat(records.Bodies.Select(r => r.Id))
            .Concat(records.Seats.Select(r => r.Id))
            .Concat(records.Memberships.Select(r => r.Id))
            .Concat(records.Relationships.Select(r => r.Id))
            .Concat(records.Agreements.Select(r => r.Id))
            .ToList();

        Assert.Equal(records.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(5, id.Version));
    }

    [Fact]
    public void Demo_data_that_breaks_a_seat_rule_fails_loudly()
    {
        var tables = GloucestershireConference.Tables;
        // The County Council's leader, an elected member, in the ABG's chair for an independent, non-elected person.
        var broken = tables with { Memberships = [.. tables.Memberships, new MembershipRow("peter-marchant", "abg", "chair", MembershipRole.Chair, StartsOn: new DateOnly(2009, 1, 1))] };

        var failure = Assert.Throws<InvalidOperationException>(() => ConfigurationRecords.Build(broken, GloucestershireConference.Reaffirmed, DateTimeOffset.UtcNow));

        Assert.Contains("seat-requires-non-elected", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Peter Marchant", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_data_that_fills_a_seat_twice_fails_loudly()
    {
        var tables = GloucestershireConference.Tables;
        // A second Cheltenham representative on the GSP, which takes one of each LSP.
        var broken = tables with { Memberships = [.. tables.Memberships, new MembershipRow("owen-lacey", "gsp", "district-lsps", MembershipRole.Member, "cheltenham-lsp")] };

        var failure = Assert.Throws<InvalidOperationException>(() => ConfigurationRecords.Build(broken, GloucestershireConference.Reaffirmed, DateTimeOffset.UtcNow));

        Assert.Contains("one-per-represented", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_data_that_names_an_undefined_record_fails_loudly()
    {
        var tables = GloucestershireConference.Tables;
        var broken = tables with { Relationships = [.. tables.Relationships, new RelationshipRow("gloucestershire-conference", RelationshipKind.PartOf, "gsp")] };

        var failure = Assert.Throws<InvalidOperationException>(() => ConfigurationRecords.Build(broken, GloucestershireConference.Reaffirmed, DateTimeOffset.UtcNow));

        Assert.Contains("'gloucestershire-conference'", failure.Message, StringComparison.Ordinal);
    }
}

/// <summary>Loading and reading the demo data through a registry's own scope, as the seeder does.</summary>
internal static class DemoDataRegistry
{
    public static async Task<DemoDataLoad> SeedAsync(this RegistryFactory registry)
    {
        using var scope = registry.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GloucestershireConference>().SeedAsync(CancellationToken.None);
    }

    public static async Task<T> ReadAsync<T>(this RegistryFactory registry, Func<RegistryDbContext, Task<T>> read)
    {
        using var scope = registry.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    public static async Task WriteAsync(this RegistryFactory registry, Action<RegistryDbContext> write)
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        write(db);
        await db.SaveChangesAsync();
    }
}
