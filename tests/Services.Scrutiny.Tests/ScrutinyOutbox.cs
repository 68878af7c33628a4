using System.Text.Json;
using Concordat.Contracts;
using Concordat.Messaging;
using Concordat.Scrutiny.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

/// <summary>A clock stopped at one instant, for the daily chases.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public static class ScrutinyOutbox
{
    /// <summary>The events of <typeparamref name="T"/> written to scrutiny's outbox about <paramref name="subject"/>, in order.</summary>
    public static async Task<List<T>> EventsAsync<T>(this ScrutinyFactory scrutiny, string subject)
        where T : IntegrationEvent
    {
        await using var scope = scrutiny.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScrutinyDbContext>();
        var payloads = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Subject == subject && m.MessageType == typeof(T).FullName)
            .OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => JsonSerializer.Deserialize<T>(p, JsonSerializerOptions.Web)!)];
    }

    /// <summary>Runs a scoped service's chase as of <paramref name="now"/>.</summary>
    public static async Task<int> ChaseAsync(this ScrutinyFactory scrutiny, DateTimeOffset now, Func<ScrutinyDbContext, TimeProvider, Func<CancellationToken, Task<int>>> chase)
    {
        await using var scope = scrutiny.Services.CreateAsyncScope();
        return await chase(scope.ServiceProvider.GetRequiredService<ScrutinyDbContext>(), new StoppedClock(now))(CancellationToken.None);
    }
}
