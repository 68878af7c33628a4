using System.Security.Cryptography;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.ApiKeys;

/// <summary>
/// Checks a presented key against the registry's own table, on every request and without a cache, so a
/// revocation takes effect on the very next request here. A key is good while it is neither revoked nor
/// expired and its organisation has not been removed.
/// </summary>
internal sealed class StoredApiKeyVerifier(RegistryDbContext db, TimeProvider time) : IApiKeyVerifier
{
    public async Task<ApiKeyCheck> VerifyAsync(PartnerApiKey key, CancellationToken cancellationToken)
    {
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyId == key.KeyId)
            .Select(k => new
            {
                Key = k,
                OrganisationIsLive = db.Organisations.Any(o => o.Id == k.OrganisationId && o.RemovedAt == null),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null
            || !CryptographicOperations.FixedTimeEquals(stored.Key.SecretHash, key.Hash())
            || stored.Key.StateAt(now) != ApiKeyState.Active
            || !stored.OrganisationIsLive)
        {
            return ApiKeyCheck.Refused;
        }

        if (stored.Key.LastUsedAt is not { } lastUsed || lastUsed < now - ApiKey.LastUsedPrecision)
        {
            // Conditional, so concurrent requests with the same key write once between them.
            var staleBefore = now - ApiKey.LastUsedPrecision;
            await db.ApiKeys
                .Where(k => k.Id == stored.Key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return ApiKeyCheck.Valid(new VerifiedApiKey(stored.Key.KeyId, stored.Key.OrganisationId, stored.Key.Name));
    }
}
