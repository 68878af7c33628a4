using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Bench.Messaging;

/// <summary>
/// Our path: a body and its <see cref="BodyRegistered"/> committed together through the outbox, the relay
/// publishing it with confirms, and an <see cref="InboxConsumer{TEvent, TDbContext}"/> recording the body and
/// its inbox row in one transaction. One host plays producer and consumer, as <c>MessagingHost</c> does in the
/// tests; it has its own database and vhost.
/// </summary>
internal sealed class OutboxPath : MessagingPath
{
    public const string Service = "bench-outbox";

    private OutboxPath(IHost host, string virtualHost, Func<Task> removeServerObjects)
        : base("outbox", host, virtualHost, removeServerObjects)
    {
    }

    public static async Task<OutboxPath> StartAsync(BenchSettings settings)
    {
        var database = TestServers.UniqueName("bench_outbox");
        var virtualHost = TestServers.UniqueName("bench_outbox");
        async Task RemoveServerObjects()
        {
            await TestServers.DropDatabaseAsync(database);
            await TestServers.DeleteVirtualHostAsync(virtualHost);
        }

        try
        {
            var connectionString = await TestServers.CreateDatabaseAsync(database);
            var messaging = await TestServers.CreateVirtualHostAsync(virtualHost);
            var builder = CreateBuilder(Service, messaging, settings, [new("ConnectionStrings:benchdb", connectionString)]);
            builder.AddServiceDatabase<BenchDbContext>("benchdb");
            builder.AddOutboxRelay<BenchDbContext>();
            builder.AddServiceMessaging(Service, bus => bus.AddConsumer<KnownBodyRecorder>());
            var path = new OutboxPath(builder.Build(), virtualHost, RemoveServerObjects);
            await using (var scope = path.Host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
            }

            await path.StartAsync();
            return path;
        }
        catch
        {
            await RemoveServerObjects();
            throw;
        }
    }

    /// <summary>What a service's endpoint does: the change and its event in one unit of work, one commit.</summary>
    public override async Task SendAsync(Guid bodyId, CancellationToken cancellationToken)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        db.Bodies.Add(new Body { Id = bodyId, Name = Body.BenchName });
        db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{bodyId}", BodyId = bodyId, Name = Body.BenchName });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Transactions committed and rolled back in the path's database so far, from PostgreSQL's statistics (each
    /// backend reports its counts within about a second of going idle): the database work an event costs.
    /// </summary>
    public async Task<DatabaseTransactions> TransactionsAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database;
        var committed = (await database.SqlQuery<long>($"SELECT xact_commit AS \"Value\" FROM pg_stat_database WHERE datname = current_database()").ToListAsync()).Single();
        var rolledBack = (await database.SqlQuery<long>($"SELECT xact_rollback AS \"Value\" FROM pg_stat_database WHERE datname = current_database()").ToListAsync()).Single();
        return new DatabaseTransactions(committed, rolledBack);
    }

    /// <summary>The server's durability settings, which decide what a commit costs.</summary>
    public async Task<string> DescribeDatabaseAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database;
        async Task<string> Show(string setting) =>
            (await database.SqlQuery<string>($"SELECT current_setting({setting}) AS \"Value\"").ToListAsync()).Single();
        return $"PostgreSQL {await Show("server_version")} (fsync={await Show("fsync")}, synchronous_commit={await Show("synchronous_commit")})";
    }
}

/// <summary>Counts from <c>pg_stat_database</c>.</summary>
internal sealed record DatabaseTransactions(long Committed, long RolledBack)
{
    public static DatabaseTransactions operator -(DatabaseTransactions after, DatabaseTransactions before) =>
        new(after.Committed - before.Committed, after.RolledBack - before.RolledBack);
}

/// <summary>The bench's own small database: the producer's bodies, the consumer's copies, the outbox and the inbox.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<KnownBody> KnownBodies => Set<KnownBody>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Body>().HasKey(b => b.Id);
        modelBuilder.Entity<KnownBody>().HasKey(b => b.Id);
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>The producer's change: a body registered.</summary>
public sealed class Body
{
    public const string BenchName = "Benchmark Strategic Partnership";

    public Guid Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>The consumer's effect: its own copy of the body, as the cycle service keeps one.</summary>
public sealed class KnownBody
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>Applies <see cref="BodyRegistered"/> the way the cycle service's consumer does: look the body up, add or update it.</summary>
public sealed class KnownBodyRecorder(BenchDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyRegistered, BenchDbContext>(db, time, telemetry)
{
    protected override async Task ApplyAsync(BodyRegistered message, CancellationToken cancellationToken)
    {
        var known = await Db.KnownBodies.SingleOrDefaultAsync(b => b.Id == message.BodyId, cancellationToken);
        if (known is null)
        {
            known = new KnownBody { Id = message.BodyId };
            Db.KnownBodies.Add(known);
        }

        known.Name = message.Name;
        known.InstanceId = message.InstanceId;
        known.RegisteredAt = message.OccurredAt;
    }
}
