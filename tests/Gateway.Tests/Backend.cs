using System.Collections.Concurrent;
using Concordat.Registry.Client;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concordat.Gateway.Tests;

/// <summary>
/// Stands in for the services behind the gateway: a minimal Kestrel app on a free loopback port that notes
/// every request the moment it arrives (before reading its body, so a request cut off part-way still counts
/// as having reached it) and answers with how many body bytes it read. As the registry, it also answers the
/// gateway's API key checks: every well-formed key is good unless the test has <see cref="Revoke">revoked</see> it.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ArrivedRequest> _arrived = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();

    private Backend(WebApplication app) => _app = app;

    /// <summary>The organisation every good key belongs to.</summary>
    public static readonly Guid PartnerOrganisation = new("0190a1b2-0000-7000-8000-000000000001");

    public Uri Address => new(_app.Urls.Single());

    /// <summary>From now on the stand-in registry says <paramref name="apiKey"/> is not valid.</summary>
    public void Revoke(string apiKey) => _revoked[apiKey] = true;

    public static async Task<Backend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var backend = new Backend(builder.Build());
        backend._app.Run(async context =>
        {
            if (context.Request.Path == IApiKeyVerificationApi.Path)
            {
                await backend.AnswerKeyCheckAsync(context);
                return;
            }

            backend._arrived.Enqueue(new ArrivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers["X-Api-Key"].ToString(),
                context.Request.Headers["X-Forwarded-For"].ToString()));
            var read = 0L;
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                read += n;
            }

            await context.Response.WriteAsJsonAsync(new { bodyBytes = read });
        });
        await backend._app.StartAsync();
        return backend;
    }

    /// <summary>How many requests for <paramref name="path"/> reached the backend.</summary>
    public int ArrivedAt(string path) => _arrived.Count(r => r.Path == path);

    /// <summary>How many requests presenting bearer token <paramref name="token"/> reached the backend.</summary>
    public int ArrivedWithToken(string token) => _arrived.Count(r => r.Authorization == "Bearer " + token);

    /// <summary>How many requests presenting API key <paramref name="apiKey"/> reached the backend.</summary>
    public int ArrivedWithKey(string apiKey) => _arrived.Count(r => r.ApiKey == apiKey);

    /// <summary>The <c>X-Forwarded-For</c> the gateway passed on with each request for <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ForwardedForAt(string path) => [.. _arrived.Where(r => r.Path == path).Select(r => r.ForwardedFor)];

    private async Task AnswerKeyCheckAsync(HttpContext context)
    {
        var request = await context.Request.ReadFromJsonAsync<ApiKeyVerificationRequest>(context.RequestAborted);
        await context.Response.WriteAsJsonAsync(PartnerApiKey.TryParse(request?.Key, out var key) && !_revoked.ContainsKey(key.Value)
            ? new ApiKeyVerificationResponse(Valid: true, key.KeyId, PartnerOrganisation, "test key")
            : new ApiKeyVerificationResponse(Valid: false));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ArrivedRequest(string Method, string Path, string Authorization, string ApiKey, string ForwardedFor);
}
