using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

public sealed class DemoDataTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task The_Gloucestershire_Conference_loads_once_with_an_event_for_each_body()
    {
        using var scope = registry.Services.CreateScope();
        var seed = scope.ServiceProvider.GetRequiredService<GloucestershireConference>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        var first = await seed.SeedAsync(CancellationToken.None);
        var second = await seed.SeedAsync(CancellationToken.None);

        Assert.Equal(14, first);
        Assert.Equal(0, second);
        var names = await db.Bodies.Select(b => b.Name).ToListAsync();
        Assert.Contains("Gloucestershire Strategic Partnership", names);
        Assert.Contains("Tewkesbury Local Strategic Partnership", names);
        Assert.Equal(14, names.Count);
        Assert.Equal(14, await db.Set<Messaging.OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("BodyRegistered")));
    }
}
