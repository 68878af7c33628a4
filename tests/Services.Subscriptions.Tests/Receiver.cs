using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Subscriptions.Tests;

/// <summary>A webhook as the receiver got it: headers, body and when (real time, since the test started the receiver).</summary>
public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan At);

/// <summary>How the receiver answers at a path: a status, after a delay, with headers.</summary>
public sealed record Answer(int Status = 204, TimeSpan Delay = default, string? RetryAfter = null, string? Body = null, string? Location = null);

/// <summary>
/// A real HTTP receiver in the test: Kestrel on loopback only, at <c>http://localhost:{port}/{path}</c>, answering each
/// path as told and recording what arrives.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, Answer> _answers = new();

    private Receiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Deliveries { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/{path}", async (string path, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var answer = receiver._answers.GetValueOrDefault(path, new Answer());
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay);
            }

            receiver.Deliveries.Enqueue(new Received(path, headers, body, receiver.Now));
            if (answer.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            }

            if (answer.Location is not null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Body is not null)
            {
                await context.Response.WriteAsync(answer.Body);
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        receiver.BaseAddress = new Uri($"http://localhost:{address.Port}/");
        return receiver;
    }

    /// <summary>The URL of a path, answered as <paramref name="answer"/> says (204 by default).</summary>
    public string Url(string path, Answer? answer = null)
    {
        _answers[path] = answer ?? new Answer();
        return new Uri(BaseAddress, path).ToString();
    }

    public void Answer(string path, Answer answer) => _answers[path] = answer;

    public IReadOnlyList<Received> At(string path) => [.. Deliveries.Where(d => d.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
