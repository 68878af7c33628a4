using Concordat.ServiceDefaults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Concordat.Registry.Client;

/// <summary>
/// Verifies keys by asking the registry, for the processes that do not hold the key table (the gateway, the
/// cycle and scrutiny services). A good answer is kept for <see cref="AuthOptions.ApiKeyCacheSeconds"/> (5 s by
/// default), so a revocation reaches these processes within that time; a refusal is never kept, so a key
/// issued a moment ago works at once. A registry that cannot be asked lets nothing through.
/// </summary>
internal sealed class RegistryApiKeyVerifier(
    IApiKeyVerificationApi registry, IMemoryCache cache, IOptionsMonitor<AuthOptions> options, ILogger<RegistryApiKeyVerifier> logger)
    : IApiKeyVerifier
{
    public async Task<ApiKeyCheck> VerifyAsync(PartnerApiKey key, CancellationToken cancellationToken)
    {
        // The cache is keyed by the key's hash, so no secret sits in memory longer than the request.
        var cacheKey = "api-key:" + Convert.ToHexString(key.Hash());
        if (cache.TryGetValue(cacheKey, out VerifiedApiKey? known) && known is not null)
        {
            return ApiKeyCheck.Valid(known);
        }

        IApiResponse<ApiKeyVerificationResponse> response;
        try
        {
            response = await registry.VerifyAsync(new ApiKeyVerificationRequest(key.Value), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            RegistryClientLog.Unreachable(logger, e, key.KeyId);
            return ApiKeyCheck.Unavailable;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode || response.Content is not { } answer)
            {
                RegistryClientLog.Answered(logger, response.Error, (int?)response.StatusCode ?? 0, key.KeyId);
                return ApiKeyCheck.Unavailable;
            }

            if (!answer.Valid || answer.KeyId != key.KeyId || answer.OrganisationId is not { } organisation)
            {
                return ApiKeyCheck.Refused;
            }

            var verified = new VerifiedApiKey(key.KeyId, organisation, answer.Name ?? key.KeyId);
            var seconds = options.CurrentValue.ApiKeyCacheSeconds;
            if (seconds > 0)
            {
                cache.Set(cacheKey, verified, TimeSpan.FromSeconds(seconds));
            }

            return ApiKeyCheck.Valid(verified);
        }
    }
}

internal static partial class RegistryClientLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the registry about API key {KeyId}")]
    public static partial void Unreachable(ILogger logger, Exception exception, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registry answered {Status} about API key {KeyId}")]
    public static partial void Answered(ILogger logger, Exception? exception, int status, string keyId);
}
