namespace Concordat.ServiceDefaults;

/// <summary>Says whether a presented partner API key is good: the registry against its table, elsewhere by asking the registry.</summary>
public interface IApiKeyVerifier
{
    Task<ApiKeyCheck> VerifyAsync(PartnerApiKey key, CancellationToken cancellationToken);
}

/// <summary>A key that is issued, not revoked and not expired, and whom it speaks for.</summary>
public sealed record VerifiedApiKey(string KeyId, Guid OrganisationId, string Name);

public enum ApiKeyStatus
{
    Valid,

    /// <summary>Unknown, revoked, expired, or its organisation removed.</summary>
    Refused,

    /// <summary>The registry could not be asked; the key is neither good nor bad, and the request is not let through.</summary>
    Unavailable,
}

/// <summary>The answer of an <see cref="IApiKeyVerifier"/>.</summary>
public sealed record ApiKeyCheck(ApiKeyStatus Status, VerifiedApiKey? Key = null)
{
    public static readonly ApiKeyCheck Refused = new(ApiKeyStatus.Refused);
    public static readonly ApiKeyCheck Unavailable = new(ApiKeyStatus.Unavailable);

    public static ApiKeyCheck Valid(VerifiedApiKey key) => new(ApiKeyStatus.Valid, key);
}
