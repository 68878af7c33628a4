using Microsoft.Extensions.Configuration;

namespace Concordat.Bench.Messaging;

/// <summary>How much load, for how long: <c>--events=5000</c> and so on (run.sh maps its environment onto these).</summary>
internal sealed record BenchSettings
{
    /// <summary>Events per path in each warm-up round (sent as fast as possible, then discarded).</summary>
    public int Warmup { get; init; } = 500;

    /// <summary>At most this many warm-up rounds; they stop earlier once the JIT has settled.</summary>
    public int WarmupRounds { get; init; } = 20;

    /// <summary>Events per path in each throughput round.</summary>
    public int Events { get; init; } = 5000;

    /// <summary>Concurrent producers in the throughput rounds; each sends its next event when its last returned.</summary>
    public int Producers { get; init; } = 16;

    /// <summary>Throughput rounds; the paths alternate (outbox, plain, outbox, plain …) so drift hits both.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The offered rates of the latency phases, events/s (<c>--rate=200,500</c>), one phase per rate and path.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [200, 500];

    /// <summary>Each part of one event run alone this many times before the rounds (<see cref="PhaseSplit"/>); 0 skips it.</summary>
    public int Phases { get; init; } = 500;

    /// <summary>How long each path is offered each of <see cref="Rates"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Declare quorum queues (<c>Messaging:QuorumQueues</c>) rather than the classic durable queues a local platform uses.</summary>
    public bool QuorumQueues { get; init; }

    public static BenchSettings From(string[] args)
    {
        var given = new ConfigurationBuilder().AddCommandLine(args).Build();
        var defaults = new BenchSettings();
        var settings = new BenchSettings
        {
            Warmup = Whole(given, "warmup", defaults.Warmup, minimum: 0),
            WarmupRounds = Whole(given, "warmup-rounds", defaults.WarmupRounds, minimum: 1),
            Events = Whole(given, "events", defaults.Events, minimum: 1),
            Producers = Whole(given, "producers", defaults.Producers, minimum: 1),
            Rounds = Whole(given, "rounds", defaults.Rounds, minimum: 1),
            Rates = given["rate"] is { } rates
                ? rates.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(rate => int.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
                        ? value
                        : throw new ArgumentException($"--rate takes whole numbers of at least 1, separated by commas, not '{rates}'."))
                    .ToList()
                : defaults.Rates,
            Phases = Whole(given, "phases", defaults.Phases, minimum: 0),
            Duration = TimeSpan.FromSeconds(Whole(given, "duration", (int)defaults.Duration.TotalSeconds, minimum: 1)),
            QuorumQueues = given["quorum-queues"] is { } quorum
                ? bool.TryParse(quorum, out var on) ? on : throw new ArgumentException($"--quorum-queues takes true or false, not '{quorum}'.")
                : defaults.QuorumQueues,
        };
        var unknown = given.AsEnumerable().Select(pair => pair.Key)
            .Except(["warmup", "warmup-rounds", "events", "producers", "rounds", "rate", "duration", "quorum-queues", "phases"], StringComparer.OrdinalIgnoreCase)
            .ToList();
        return unknown.Count == 0 ? settings : throw new ArgumentException($"Unknown setting: {string.Join(", ", unknown)}.");
    }

    private static int Whole(IConfiguration given, string name, int fallback, int minimum)
    {
        var text = given[name];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"--{name} takes a whole number of at least {minimum}, not '{text}'.");
    }
}
