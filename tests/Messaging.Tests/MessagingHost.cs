using Concordat.Contracts.Registry;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.Tests;

/// <summary>
/// The notes service (<see cref="NotesHost"/>) hosted in the test process on the real servers:
/// what every service gets from <c>AddServiceDatabase</c>, <c>AddOutboxRelay</c> and <c>AddServiceMessaging</c>.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    public const string Service = NotesHost.Service;

    private MessagingHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<MessagingHost> StartAsync(string connectionString, Uri messaging, bool withConsumer = true)
    {
        var service = Build(connectionString, messaging, withConsumer);
        await NotesHost.CreateSchemaAsync(service.Host.Services);
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
        await NotesHost.CreateSchemaAsync(service.Host.Services);
        return service;
    }

    private static MessagingHost Build(string connectionString, Uri messaging, bool withConsumer) =>
        new(NotesHost.CreateBuilder(connectionString, messaging, withConsumer).Build());

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
