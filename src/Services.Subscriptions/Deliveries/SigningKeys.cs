using System.Collections.Concurrent;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>An endpoint's address and its secrets, decrypted: what an attempt needs of it.</summary>
public sealed record EndpointKeys(Uri Url, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt)
{
    /// <summary>The secrets that sign at <paramref name="now"/>: the current one first, then the previous one during a rotation's overlap.</summary>
    public IEnumerable<string> SigningAt(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];
}

/// <summary>
/// Endpoints' decrypted secrets, kept in memory so an attempt neither reads the endpoint nor decrypts anything. An
/// endpoint's URL never changes and its secrets change only by a rotation, which sets <c>SecretRotatedAt</c>; the
/// dispatcher reads that with each due delivery, so a rotation (on any replica) is seen by the next attempt.
/// </summary>
public sealed class SigningKeys(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset? RotatedAt, Task<EndpointKeys?> Keys)> _keys = new();

    /// <summary>The keys of <paramref name="endpointId"/> as of its last rotation at <paramref name="rotatedAt"/>; null when it is gone.</summary>
    public Task<EndpointKeys?> GetAsync(Guid endpointId, DateTimeOffset? rotatedAt)
    {
        if (_keys.TryGetValue(endpointId, out var cached) && cached.RotatedAt == rotatedAt && !cached.Keys.IsFaulted)
        {
            return cached.Keys;
        }

        var loading = LoadAsync(endpointId);
        _keys[endpointId] = (rotatedAt, loading);
        return loading;
    }

    /// <summary>Forgets an endpoint (deleted).</summary>
    public void Forget(Guid endpointId) => _keys.TryRemove(endpointId, out _);

    private async Task<EndpointKeys?> LoadAsync(Guid endpointId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<EndpointSecrets>();
        var endpoint = await db.Endpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId);
        return endpoint is null ? null : new EndpointKeys(
            new Uri(endpoint.Url),
            secrets.Unprotect(endpoint.ProtectedSecret),
            endpoint.ProtectedPreviousSecret is { } previous ? secrets.Unprotect(previous) : null,
            endpoint.PreviousSecretExpiresAt);
    }
}
