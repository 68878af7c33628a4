using Concordat.Contracts.Registry;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Messaging.TestHost;

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
