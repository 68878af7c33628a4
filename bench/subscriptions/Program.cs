using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Cycle;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Xunit;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Concordat.Bench.Subscriptions;

/// <summary>
/// The subscriptions benchmark (bench/README.md): ENDPOINTS healthy partner endpoints, each on its own loopback port,
/// receive every decision published at RATE a second for DURATION seconds; then the same again with one endpoint that
/// answers after 9 s and one that answers 500 subscribed too. Prints p50 and p99 from the event's publication to the
/// broker to each healthy endpoint's receipt, for both phases. Missing the aim is reported, not an error.
/// </summary>
internal static class SubscriptionsBench
{
    private static readonly string[] DecisionTypes = ["org.concordat.cycle.decision.published.v1"];

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var settings = args.Select(a => a.TrimStart('-').Split('=', 2)).ToDictionary(a => a[0], a => int.Parse(a[1], CultureInfo.InvariantCulture));
        var endpoints = settings.GetValueOrDefault("endpoints", 100);
        var rate = settings.GetValueOrDefault("rate", 10);
        var duration = settings.GetValueOrDefault("duration", 60);

        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<(int Phase, double Ms)>();
        var phase = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. Enumerable.Range(0, endpoints + 2).Select(_ => "http://127.0.0.1:0")]);
        var receiver = builder.Build();
        receiver.MapPost("/{kind}", async (string kind, Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            var at = Stopwatch.GetTimestamp();
            if (kind == "slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(9));
                return Microsoft.AspNetCore.Http.Results.NoContent();
            }

            if (kind == "failing")
            {
                return Microsoft.AspNetCore.Http.Results.StatusCode(500);
            }

            var id = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.GetProperty("id").GetString()!;
            if (sent.TryGetValue(id, out var published))
            {
                latencies.Add((Volatile.Read(ref phase), Stopwatch.GetElapsedTime(published, at).TotalMilliseconds));
            }

            return Microsoft.AspNetCore.Http.Results.NoContent();
        });
        await receiver.StartAsync();
        var ports = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToList();

        // A program, not a test project: tell the factory where the service's content root is (nothing is read from it).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CONCORDAT_SERVICES_SUBSCRIPTIONS", AppContext.BaseDirectory);
        var service = new BenchService();
        await ((IAsyncLifetime)service).InitializeAsync();
        using var admin = service.CreateClient();
        var organisation = Guid.CreateVersion7();
        async Task SubscribeAsync(int port, string kind)
        {
            using var response = await admin.PostAsJsonAsync("/api/subscriptions/endpoints", new
            {
                url = $"http://localhost:{port}/{kind}", eventTypes = DecisionTypes, organisationId = organisation,
            });
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < endpoints; i++)
        {
            await SubscribeAsync(ports[i], "healthy");
        }

        var bus = service.Services.GetRequiredService<IBus>();
        Console.WriteLine($"{endpoints} healthy endpoints, {rate} decisions/s for {duration} s per phase, {Environment.ProcessorCount} cores");
        // Not measured: JIT, connection pools and the first connection to each receiver would otherwise count in phase 1 only.
        await RunPhaseAsync(0, "warm-up, not counted", Math.Min(duration, 10));
        await RunPhaseAsync(1, "healthy endpoints only");
        await SubscribeAsync(ports[endpoints], "slow");
        await SubscribeAsync(ports[endpoints + 1], "failing");
        await RunPhaseAsync(2, "with one endpoint answering after 9 s and one answering 500");

        var before = Percentiles(1);
        var after = Percentiles(2);
        Console.WriteLine($"p50 changed by {Change(before.P50, after.P50):+0.0;-0.0} %, p99 by {Change(before.P99, after.P99):+0.0;-0.0} % (aim: p99 < 250 ms, bad endpoints change no healthy figure by more than 10 %)");
        await receiver.StopAsync();
        await ((IAsyncLifetime)service).DisposeAsync();
        return 0;

        async Task RunPhaseAsync(int number, string what, int? seconds = null)
        {
            Volatile.Write(ref phase, number);
            var interval = TimeSpan.FromSeconds(1.0 / rate);
            var clock = Stopwatch.StartNew();
            var count = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(seconds ?? duration))
            {
                var decision = Decision();
                sent[decision.EventId.ToString()] = Stopwatch.GetTimestamp();
                await bus.Publish(decision, context => context.MessageId = decision.EventId);
                count++;
                var next = interval * count - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next);
                }
            }

            var expected = count * endpoints;
            var wait = Stopwatch.StartNew();
            while (latencies.Count(l => l.Phase == number) < expected && wait.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }

            var (p50, p99, received) = Percentiles(number);
            Console.WriteLine($"phase {number}, {what}: {count} decisions, {received}/{expected} healthy deliveries, p50 {p50:F1} ms, p99 {p99:F1} ms");
        }

        (double P50, double P99, int Count) Percentiles(int number)
        {
            var sorted = latencies.Where(l => l.Phase == number).Select(l => l.Ms).Order().ToList();
            return sorted.Count == 0 ? (double.NaN, double.NaN, 0) : (sorted[(int)(sorted.Count * 0.50)], sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.99))], sorted.Count);
        }

        static double Change(double from, double to) => (to - from) / from * 100;

        static DecisionPublished Decision()
        {
            var id = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            return new DecisionPublished
            {
                EventId = Guid.CreateVersion7(), Source = new Uri("http://bench.test/cycle"), InstanceId = "bench", OccurredAt = now, Subject = $"decisions/{id}",
                DecisionId = id, IssueId = Guid.CreateVersion7(), BodyId = Guid.CreateVersion7(), Outcome = "approved", Summary = "Approved.", Allocations = [],
                Urgent = false, PublishedAt = now, CallInEndsAt = now.AddDays(5), Url = new Uri($"http://bench.test/decisions/{id}"), PublishedBy = "Bench",
            };
        }
    }
}

/// <summary>The subscriptions service in this process, on its own database and vhost, delivering to loopback.</summary>
internal sealed class BenchService() : ServiceFactory<Program>(ResourceNames.SubscriptionsDatabase)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Subscriptions:AllowHttp", "true");
        builder.UseSetting("Subscriptions:AllowedHosts:0", "localhost");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
