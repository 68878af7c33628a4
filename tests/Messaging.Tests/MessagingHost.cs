using Concordat.Contracts.Registry;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.Tests;

/// <summary>A small service's database: what a consumer's effect changes.</summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().HasKey(n => n.Id);
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class Note
{
    public Guid Id { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>Records each registered body as a note; refuses, every time, a body named "poison".</summary>
public sealed class NoteTaker(NotesDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyRegistered, NotesDbContext>(db, time, telemetry)
{
    public const string Poison = "poison";

    protected override Task ApplyAsync(BodyRegistered message, CancellationToken cancellationToken)
    {
        if (message.Name == Poison)
        {
            throw new InvalidOperationException("This message can never be applied.");
        }

        Db.Notes.Add(new Note { Id = Guid.CreateVersion7(), Text = message.Name });
        return Task.CompletedTask;
    }
}

/// <summary>
/// A host made of the messaging library alone (outbox, relay, inbox, MassTransit) on the real servers:
/// what every service gets from <c>AddServiceDatabase</c> and <c>AddServiceMessaging</c>.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    public const string Service = "notes";

    private MessagingHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<MessagingHost> StartAsync(string connectionString, Uri messaging, bool withConsumer = true)
    {
        var service = Build(connectionString, messaging, withConsumer);
        await using (var scope = service.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync();
        }

        await service.Host.StartAsync();
        var health = service.Host.Services.GetRequiredService<HealthCheckService>();
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync()).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(30), "the messaging host to be ready");
        return service;
    }

    /// <summary>A host that is built but never started: its relay never runs, as if it died after committing.</summary>
    public static async Task<MessagingHost> NeverStartedAsync(string connectionString, Uri messaging)
    {
        var service = Build(connectionString, messaging, withConsumer: false);
        await using var scope = service.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync();
        return service;
    }

    private static MessagingHost Build(string connectionString, Uri messaging, bool withConsumer)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:notesdb"] = connectionString,
            ["ConnectionStrings:messaging"] = messaging.ToString(),
            ["Database:MigrateOnStartup"] = "false",
            ["Concordat:InstanceId"] = "test",
        });
        builder.AddServiceDefaults(Service);
        builder.AddServiceDatabase<NotesDbContext>("notesdb");
        builder.AddServiceMessaging(Service, bus =>
        {
            if (withConsumer)
            {
                bus.AddConsumer<NoteTaker>();
            }
        });
        return new MessagingHost(builder.Build());
    }

    /// <summary>Makes a change that announces <paramref name="name"/>, the way a service's endpoint would.</summary>
    public async Task<Guid> RegisterAsync(string name)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        var id = Guid.CreateVersion7();
        var eventId = db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{id}", BodyId = id, Name = name });
        await db.SaveChangesAsync();
        return eventId;
    }

    public async Task<List<string>> NotesAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.Select(n => n.Text).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }

    /// <summary>Throws the process away without stopping anything, as a SIGKILL would.</summary>
    public void Abandon() => Host.Dispose();
}
