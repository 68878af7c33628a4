using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Concordat.Gateway.Tests;

/// <summary>
/// Stands in for the services behind the gateway: a minimal Kestrel app on a free loopback port that notes
/// every request the moment it arrives (before reading its body, so a request cut off part-way still counts
/// as having reached it) and answers with how many body bytes it read.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ArrivedRequest> _arrived = new();

    private Backend(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.Single());

    public static async Task<Backend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var backend = new Backend(builder.Build());
        backend._app.Run(async context =>
        {
            backend._arrived.Enqueue(new ArrivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers.Authorization.ToString(),
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

    /// <summary>The <c>X-Forwarded-For</c> the gateway passed on with each request for <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ForwardedForAt(string path) => [.. _arrived.Where(r => r.Path == path).Select(r => r.ForwardedFor)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ArrivedRequest(string Method, string Path, string Authorization, string ForwardedFor);
}
