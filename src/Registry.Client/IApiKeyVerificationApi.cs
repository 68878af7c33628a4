using Refit;

namespace Concordat.Registry.Client;

/// <summary>The registry's internal key check, which only processes inside the platform can reach (the gateway never routes <c>/internal</c>).</summary>
public interface IApiKeyVerificationApi
{
    public const string Path = "/internal/api-keys/verification";

    [Post(Path)]
    Task<IApiResponse<ApiKeyVerificationResponse>> VerifyAsync([Body] ApiKeyVerificationRequest request, CancellationToken cancellationToken);
}

/// <summary>The key to check travels in the body, never in a URL that a log would keep.</summary>
public sealed record ApiKeyVerificationRequest(string Key);

/// <summary>The registry's answer: <see cref="Valid"/> false for an unknown, revoked or expired key.</summary>
public sealed record ApiKeyVerificationResponse(bool Valid, string? KeyId = null, Guid? OrganisationId = null, string? Name = null);
