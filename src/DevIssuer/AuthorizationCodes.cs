using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.DevIssuer;

/// <summary>What a code was issued for: the client, its redirect and PKCE challenge, and whom the person chose to be.</summary>
public sealed record AuthorizationGrant(
    string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, DemoPerson Person, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>
/// Authorization codes in memory: random, used once, valid for two minutes. A restart forgets them, which only
/// means signing in again; the development provider keeps no other state (no session, no consent).
/// </summary>
public sealed class AuthorizationCodes(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, AuthorizationGrant> _grants = new(StringComparer.Ordinal);

    public string Issue(Func<DateTimeOffset, AuthorizationGrant> grant)
    {
        foreach (var (code, old) in _grants)
        {
            if (old.ExpiresAt < time.GetUtcNow())
            {
                _grants.TryRemove(code, out _);
            }
        }

        var issued = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _grants[issued] = grant(time.GetUtcNow() + Lifetime);
        return issued;
    }

    /// <summary>The grant of <paramref name="code"/>, removed so it cannot be used again; null when unknown or expired.</summary>
    public AuthorizationGrant? Redeem(string? code) =>
        code is not null && _grants.TryRemove(code, out var grant) && grant.ExpiresAt >= time.GetUtcNow() ? grant : null;
}
