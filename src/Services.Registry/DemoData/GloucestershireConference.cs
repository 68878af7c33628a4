using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.DemoData;

/// <summary>
/// The reference configuration from the Gloucestershire prospectus (2008), section 3: the county-level
/// bodies of the Gloucestershire Conference, the five LAA thematic partnerships and the six district
/// LSPs. Loaded by the launcher's demo run into an empty registry; a registry with bodies is left alone.
/// </summary>
public sealed class GloucestershireConference(RegistryDbContext db, TimeProvider time)
{
    public static readonly IReadOnlyList<(string Name, string? ShortName)> Bodies =
    [
        ("Gloucestershire Strategic Partnership", "GSP"),
        ("Accountable Bodies Group", "ABG"),
        ("Community Strategy Executive Board", "CSEB"),
        ("Gloucestershire Children and Young People's Strategic Partnership", null),
        ("Gloucestershire Safer and Stronger Communities Partnership", null),
        ("Gloucestershire First (Economic Development and Enterprise)", "Gloucestershire First"),
        ("Gloucestershire Health and Community Well-being Partnership", null),
        ("Gloucestershire Environment Partnership", null),
        ("Cheltenham Strategic Partnership", null),
        ("Cotswold Local Strategic Partnership", "Cotswold LSP"),
        ("Forest of Dean Local Strategic Partnership", "Forest of Dean LSP"),
        ("Gloucester Partnership", null),
        ("Stroud Local Strategic Partnership", "Stroud LSP"),
        ("Tewkesbury Local Strategic Partnership", "Tewkesbury LSP"),
    ];

    /// <summary>Registers the bodies, with their events, if the registry is empty. Returns how many were added.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        if (await db.Bodies.AnyAsync(cancellationToken))
        {
            return 0;
        }

        foreach (var (name, shortName) in Bodies)
        {
            var body = Body.Register(new BodyDetails(name, shortName, BodyType.Strategic, BodyScope.Thematic, null, Tier.County, null, null, null, null, []), time.GetUtcNow());
            db.Bodies.Add(body);
            db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{body.Id}", BodyId = body.Id, Name = body.Name, ShortName = body.ShortName });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Bodies.Count;
    }
}

/// <summary>Seeds the demo data at start when <c>Registry:SeedDemoData</c> is true (the launcher sets it).</summary>
internal sealed partial class DemoDataSeeder(IServiceScopeFactory scopes, ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<GloucestershireConference>().SeedAsync(cancellationToken);
        if (added > 0)
        {
            LogSeeded(logger, added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the Gloucestershire Conference demo data: {Count} bodies")]
    private static partial void LogSeeded(ILogger logger, int count);
}
