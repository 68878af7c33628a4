using Concordat.DemoData;
using Concordat.Audit;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.DemoData;

/// <summary>
/// The reference configuration from the Gloucestershire prospectus (2008): the partner organisations, the county
/// bodies of the Gloucestershire Conference (GSP, ABG, CSEB), the five LAA thematic partnerships, the six district
/// LSPs and a joint scrutiny committee, with their seats, fictional members and clerks, how the bodies relate, and
/// the Compact. Every body and membership is announced with the events the API sends.
/// </summary>
/// <remarks>
/// Loading is all or nothing, keyed by the seed's own fixed ids (<see cref="DemoIds"/>): when none of its records is
/// in the registry, all are added, whatever else the registry holds; when any is there, nothing is added, so a second
/// load changes nothing and records people have since changed or removed stay as they left them.
/// </remarks>
public sealed partial class GloucestershireConference(RegistryDbContext db, TimeProvider time)
{
    /// <summary>Serialises concurrent loads (two replicas starting at once): a PostgreSQL advisory lock key.</summary>
    private const long LoadLock = 0x436F_6E63_6F72_6461; // "Concorda"

    /// <summary>The records <see cref="Tables"/> describe, admitted through the seat rules; throws if they break one.</summary>
    public static ConfigurationRecords BuildRecords(DateTimeOffset now) => ConfigurationRecords.Build(Tables, Reaffirmed, now);

    /// <summary>Loads the Gloucestershire Conference unless any of it is already in the registry.</summary>
    public async Task<DemoDataLoad> SeedAsync(CancellationToken cancellationToken)
    {
        // Built before touching the database: data that breaks a rule fails here, loudly, and writes nothing.
        var records = BuildRecords(time.GetUtcNow());

        // The audit trail attributes the load to the registry itself, whoever (or whatever) started it.
        using var actor = AuditActor.Use(AuditActor.System(ResourceNames.Registry, "load demo data"));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read committed, after the lock: each check sees what a load that held it before us committed.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LoadLock})", cancellationToken);
        var present = await CountPresentAsync(records, cancellationToken);
        if (present > 0)
        {
            return DemoDataLoad.AlreadyPresent(present, records.Count);
        }

        db.Organisations.AddRange(records.Organisations);
        db.People.AddRange(records.People);
        // Each record announces itself as the API's would (BodyRegistered, MembershipStarted) when it is saved.
        db.Bodies.AddRange(records.Bodies);

        // Saved first so the outbox relays every body before any membership of it.
        await db.SaveChangesAsync(cancellationToken);

        db.Seats.AddRange(records.Seats);
        db.Memberships.AddRange(records.Memberships);

        db.Relationships.AddRange(records.Relationships);
        db.Agreements.AddRange(records.Agreements);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DemoDataLoad.Loaded(records);
    }

    private async Task<int> CountPresentAsync(ConfigurationRecords records, CancellationToken cancellationToken)
    {
        var organisations = records.Organisations.Select(r => r.Id).ToList();
        var people = records.People.Select(r => r.Id).ToList();
        var bodies = records.Bodies.Select(r => r.Id).ToList();
        var seats = records.Seats.Select(r => r.Id).ToList();
        var memberships = records.Memberships.Select(r => r.Id).ToList();
        var relationships = records.Relationships.Select(r => r.Id).ToList();
        var agreements = records.Agreements.Select(r => r.Id).ToList();
        return await db.Organisations.CountAsync(r => organisations.Contains(r.Id), cancellationToken)
            + await db.People.CountAsync(r => people.Contains(r.Id), cancellationToken)
            + await db.Bodies.CountAsync(r => bodies.Contains(r.Id), cancellationToken)
            + await db.Seats.CountAsync(r => seats.Contains(r.Id), cancellationToken)
            + await db.Memberships.CountAsync(r => memberships.Contains(r.Id), cancellationToken)
            + await db.Relationships.CountAsync(r => relationships.Contains(r.Id), cancellationToken)
            + await db.Agreements.CountAsync(r => agreements.Contains(r.Id), cancellationToken);
    }
}

/// <summary>What a load did: the records it added, by kind; or, when the seed was already there, how many of its <see cref="SeedRecords"/> it found.</summary>
public sealed record DemoDataLoad(int Organisations, int People, int Bodies, int Seats, int Memberships, int Relationships, int Agreements, int Found, int SeedRecords)
{
    public int Added => Organisations + People + Bodies + Seats + Memberships + Relationships + Agreements;

    public static DemoDataLoad Loaded(ConfigurationRecords records) => new(
        records.Organisations.Count,
        records.People.Count,
        records.Bodies.Count,
        records.Seats.Count,
        records.Memberships.Count,
        records.Relationships.Count,
        records.Agreements.Count,
        Found: 0,
        records.Count);

    public static DemoDataLoad AlreadyPresent(int found, int seedRecords) => new(0, 0, 0, 0, 0, 0, 0, found, seedRecords);
}

/// <summary>Seeds the demo data at start when <c>Registry:SeedDemoData</c> is true (the app host sets it).</summary>
internal sealed partial class DemoDataSeeder(IServiceScopeFactory scopes, ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var load = await scope.ServiceProvider.GetRequiredService<GloucestershireConference>().SeedAsync(cancellationToken);
        if (load.Added > 0)
        {
            LogSeeded(logger, load.Organisations, load.People, load.Bodies, load.Seats, load.Memberships, load.Relationships, load.Agreements);
        }
        else if (load.Found < load.SeedRecords)
        {
            LogPartlyPresent(logger, load.Found, load.SeedRecords);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the Gloucestershire Conference demo data: {Organisations} organisations, {People} people, {Bodies} bodies, {Seats} seats, {Memberships} memberships, {Relationships} relationships, {Agreements} agreements")]
    private static partial void LogSeeded(ILogger logger, int organisations, int people, int bodies, int seats, int memberships, int relationships, int agreements);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registry holds {Found} of the {SeedRecords} demo records (an older seed, or records added by hand), so the demo data was not loaded")]
    private static partial void LogPartlyPresent(ILogger logger, int found, int seedRecords);
}
