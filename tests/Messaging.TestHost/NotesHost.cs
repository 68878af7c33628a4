using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.TestHost;

/// <summary>
/// The notes service: the messaging library alone (outbox, relay, inbox, MassTransit) on the real servers,
/// what every service gets from <c>AddServiceDatabase</c>, <c>AddOutboxRelay</c> and <c>AddServiceMessaging</c>.
/// </summary>
public static class NotesHost
{
    public const string Service = "notes";
    public const string DatabaseName = "notesdb";

    /// <summary>The consumer's queue, <c>{service}-{event}</c>.</summary>
    public const string Queue = $"{Service}-note-taker";

    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--database"] = $"ConnectionStrings:{DatabaseName}",
        ["--messaging"] = "ConnectionStrings:messaging",
        ["--die-after-commit"] = DieAfterCommit.Setting,
    };

    /// <summary>
    /// Builds the notes service from <paramref name="args"/> (<c>--database</c>, <c>--messaging</c>) or the
    /// environment (<c>ConnectionStrings__notesdb</c>, <c>ConnectionStrings__messaging</c>); with the
    /// <see cref="NoteTaker"/> consumer unless <paramref name="withConsumer"/> is false.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, bool withConsumer = true)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The tests make the schema with EnsureCreated: the notes service has no migrations.
            ["Database:MigrateOnStartup"] = "false",
            ["Concordat:InstanceId"] = "test",
        });
        builder.Configuration.AddCommandLine(args, Switches);
        builder.AddServiceDefaults(Service);
        builder.AddServiceDatabase<NotesDbContext>(DatabaseName);
        builder.AddOutboxRelay<NotesDbContext>();
        builder.AddServiceMessaging(Service, bus =>
        {
            if (withConsumer)
            {
                bus.AddConsumer<NoteTaker>();
            }
        });
        return builder;
    }

    /// <inheritdoc cref="CreateBuilder(string[], bool)"/>
    public static HostApplicationBuilder CreateBuilder(string connectionString, Uri messaging, bool withConsumer = true) =>
        CreateBuilder(["--database", connectionString, "--messaging", messaging.ToString()], withConsumer);

    /// <summary>Creates the notes tables unless the database has them already.</summary>
    public static async Task CreateSchemaAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync();
    }
}
