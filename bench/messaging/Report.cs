using System.Runtime.InteropServices;

namespace Concordat.Bench.Messaging;

/// <summary>Prints the figures as they come, then the comparison with the targets and the published figures.</summary>
internal sealed class Report(BenchSettings settings)
{
    /// <summary>Outbox throughput should be at least this share of plain MassTransit's.</summary>
    public const double ThroughputRatioTarget = 0.5;

    /// <summary>Outbox p95 at the fixed rate should stay under this many milliseconds.</summary>
    public const double LatencyP95TargetMs = 50;

    /// <summary>A phase in which other processes took this share of the machine (per cent) is flagged.</summary>
    private const double DisturbedPercent = 10;

    /// <summary>Warm-up ends after a round (both paths) in which the JIT compiled fewer methods than this.</summary>
    private const int SettledJitMethods = 50;

    private readonly List<(Burst Outbox, Burst Plain)> _rounds = [];
    private readonly List<long> _warmupJitMethods = [];
    private PhaseCost? _outboxRoundsCost;
    private PhaseCost? _plainRoundsCost;
    private readonly SortedDictionary<int, FixedRate> _outboxLatency = [];
    private readonly SortedDictionary<int, FixedRate> _plainLatency = [];
    private double _busiestOthers;

    public static void Introduction(BenchSettings settings)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine($"Concordat messaging benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"Load: warm-up rounds of {settings.Warmup} events per path until the JIT settles (at most {settings.WarmupRounds}, discarded);");
        Console.WriteLine($"      throughput {settings.Rounds} alternating rounds of {settings.Events} events, {settings.Producers} producers;");
        Console.WriteLine($"      latency at {string.Join(" and ", settings.Rates)} events/s for {settings.Duration.TotalSeconds:0} s per path (open loop).");
        Console.WriteLine("Latency is measured in this process on one clock: Stopwatch timestamps kept in dictionaries keyed by body id.");
        Console.WriteLine($"Note: this machine has {Environment.ProcessorCount} cores. PostgreSQL, RabbitMQ, the relay, both consumers and the load generator");
        Console.WriteLine("      share them, so every figure here is lower than on separate machines, and the outbox path, which adds");
        Console.WriteLine("      database work on both sides, competes hardest for them.");
    }

    public static void Servers(string database, string broker)
    {
        Console.WriteLine($"Servers: {database}; {broker}");
        if (database.Contains("fsync=off", StringComparison.Ordinal))
        {
            Console.WriteLine("Note: the throwaway PostgreSQL does not flush to disk (fsync=off), as in test runs: a commit costs less here than on");
            Console.WriteLine("      a durable production server, so the outbox path looks better than it would there.");
        }
    }

    public void Idle(PhaseCost cost)
    {
        var cpu = cost.Machine;
        Console.WriteLine();
        Console.WriteLine(cpu is null
            ? "CPU before the run: unknown (no /proc)"
            : $"CPU before the run (3 s, servers idle): {cpu.Breakdown()}"
                + (CpuMeter.CountsServers ? "" : " (servers not started by the launcher count as other processes)"));
        Flag(cpu, "before the run");
    }

    /// <summary>Reports a warm-up round of both paths; true once the JIT has settled, so warm-up can end.</summary>
    public bool Warmup(int round, PhaseCost cost)
    {
        _warmupJitMethods.Add(cost.JitCompiledMethods);
        var settled = cost.JitCompiledMethods < SettledJitMethods;
        if (settled || round == settings.WarmupRounds)
        {
            Console.WriteLine($"Warm-up (discarded): {round} rounds of {settings.Warmup} events per path, until a round JIT-compiles fewer than {SettledJitMethods} methods;");
            Console.WriteLine($"  methods compiled per round: {string.Join(", ", _warmupJitMethods)}{(settled ? "" : " (NOT settled: raise WARMUP_ROUNDS)")}");
        }

        return settled;
    }

    public void ThroughputHeader()
    {
        Console.WriteLine();
        Console.WriteLine($"Throughput: {settings.Events} events per round, {settings.Producers} producers, from the first send to the last consumer completion");
        Console.WriteLine($"{"round",-8}{"outbox ev/s",12}{"plain ev/s",12}{"outbox/plain",14}   {"other processes' CPU, outbox / plain",-26}");
    }

    public void Round(int round, (Burst Result, PhaseCost Cost) outbox, (Burst Result, PhaseCost Cost) plain)
    {
        _rounds.Add((outbox.Result, plain.Result));
        _outboxRoundsCost += outbox.Cost;
        _plainRoundsCost += plain.Cost;
        Console.WriteLine($"{round,-8}{outbox.Result.EventsPerSecond,12:0}{plain.Result.EventsPerSecond,12:0}{outbox.Result.EventsPerSecond / plain.Result.EventsPerSecond,13:0.00}x   {Others(outbox.Cost.Machine)} / {Others(plain.Cost.Machine)}");
        Flag(outbox.Cost.Machine, $"throughput round {round}, outbox");
        Flag(plain.Cost.Machine, $"throughput round {round}, plain");
    }

    public void ThroughputSummary(DatabaseTransactions outboxTransactions)
    {
        var (outbox, plain) = (MedianOutbox, MedianPlain);
        Console.WriteLine($"{"median",-8}{outbox,12:0}{plain,12:0}{outbox / plain,13:0.00}x");
        var calls = _rounds.Select(r => (r.Outbox.SendCallMs?.P50 ?? 0, r.Plain.SendCallMs?.P50 ?? 0)).ToList();
        Console.WriteLine($"  send call p50 under this load: outbox {Median(calls.Select(c => c.Item1)):0.0} ms (SaveChangesAsync), plain {Median(calls.Select(c => c.Item2)):0.0} ms (Publish with confirm)");
        var events = settings.Events * settings.Rounds;
        Console.WriteLine($"  this .NET process per event: outbox {_outboxRoundsCost?.PerEvent(events)}; plain {_plainRoundsCost?.PerEvent(events)}");
        Console.WriteLine($"  CPU of the machine, all rounds: outbox: {_outboxRoundsCost?.Machine?.Breakdown() ?? "?"}");
        Console.WriteLine($"                                  plain:  {_plainRoundsCost?.Machine?.Breakdown() ?? "?"}");
        Console.WriteLine($"  PostgreSQL transactions per outbox event: {PerEvent(outboxTransactions, settings.Events * settings.Rounds)}");
    }

    public void LatencyHeader(int rate)
    {
        Console.WriteLine();
        Console.WriteLine($"Latency at {rate} events/s for {settings.Duration.TotalSeconds:0} s ({rate * settings.Duration.TotalSeconds:0} events per path), milliseconds");
        Console.WriteLine($"{"path",-8}{"from -> to",-50}{"p50",8}{"p95",8}{"p99",8}{"max",9}");
    }

    public void Latency(int rate, string path, (FixedRate Result, PhaseCost Cost) phase)
    {
        var (r, cost) = phase;
        var cpu = cost.Machine;
        if (path == "outbox")
        {
            _outboxLatency[rate] = r;
            Row(path, "commit returned -> consumer committed", r.Latency);
            Row("", "  stage: commit -> relay published, confirmed", r.ToPublished);
            Row("", "  stage: relay published -> consumer committed", r.PublishedToConsumed);
            Row("", "SaveChangesAsync called -> consumer committed", r.FromCall);
        }
        else
        {
            _plainLatency[rate] = r;
            Row(path, "Publish returned -> consumer returned", r.Latency);
            Row("", "Publish called -> consumer returned", r.FromCall);
        }

        Console.WriteLine($"{"",-8}offered {r.OfferedPerSecond:0.0}/s, the latest send started {r.LatestStartMs:0.0} ms late; send call p50 {r.SendCallMs.P50:0.0} ms, p95 {r.SendCallMs.P95:0.0} ms");
        Console.WriteLine($"{"",-8}this .NET process per event: {cost.PerEvent(r.Events)}");
        Console.WriteLine($"{"",-8}CPU of the machine: {cpu?.Breakdown() ?? "?"}");
        Flag(cpu, $"latency at {rate}/s, {path}");
    }

    public void LatencyTransactions(int rate, DatabaseTransactions outboxTransactions) =>
        Console.WriteLine($"  PostgreSQL transactions per outbox event at {rate} events/s: {PerEvent(outboxTransactions, _outboxLatency.GetValueOrDefault(rate)?.Events ?? 1)}");

    public static void Queues(string outbox, string plain)
    {
        Console.WriteLine();
        Console.WriteLine($"Queues: outbox {outbox}");
        Console.WriteLine($"        plain  {plain}");
    }

    public void Summary()
    {
        var ratio = MedianOutbox / MedianPlain;
        if (_plainLatency.Values.Any(p => p.Latency.P50 < 0))
        {
            Console.WriteLine("A negative plain latency means the consumer finished before the broker's confirm reached the publisher.");
        }

        Console.WriteLine();
        Console.WriteLine("Targets");
        Console.WriteLine($"  outbox throughput >= {ThroughputRatioTarget:0.0#} x plain        {ratio,8:0.00}x     {Verdict(ratio >= ThroughputRatioTarget)}");
        foreach (var (rate, outbox) in _outboxLatency)
        {
            Console.WriteLine($"  outbox p95 < {LatencyP95TargetMs:0} ms at {rate} events/s    {outbox.Latency.P95,8:0.0} ms   {Verdict(outbox.Latency.P95 < LatencyP95TargetMs)}");
        }

        Console.WriteLine();
        Console.WriteLine("Published figures, for reference (other machines, other settings; not targets):");
        Console.WriteLine("  MassTransit's own benchmark: ~11,000 msg/s on one host, publisher confirms off, non-durable messages.");
        Console.WriteLine($"    Plain path here: {MedianPlain:0} ev/s with confirms on, durable messages and queues, all on {Environment.ProcessorCount} shared cores.");
        Console.WriteLine("  RabbitMQ quorum queues: p99 around 20 ms under moderate load.");
        foreach (var (rate, ours) in _outboxLatency)
        {
            if (!_plainLatency.TryGetValue(rate, out var plain))
            {
                continue;
            }

            Console.WriteLine($"    Here at {rate} events/s ({(settings.QuorumQueues ? "quorum queues on one node" : "classic durable queues")}): plain p99 {plain.FromCall.P99:0.0} ms from the publish call, outbox p99 {ours.Latency.P99:0.0} ms from the commit.");
        }

        if (_busiestOthers >= DisturbedPercent)
        {
            Console.WriteLine();
            Console.WriteLine($"WARNING: other processes took up to {_busiestOthers:0}% of the machine's CPU during a phase (flagged above); the figures are");
            Console.WriteLine("disturbed by them. Compare the paths within this run only, and run again on a quiet machine before quoting them.");
        }
    }

    private double MedianOutbox => Median(_rounds.Select(r => r.Outbox.EventsPerSecond));

    private double MedianPlain => Median(_rounds.Select(r => r.Plain.EventsPerSecond));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string PerEvent(DatabaseTransactions transactions, int events) =>
        $"{(double)(transactions.Committed + transactions.RolledBack) / events:0.0} "
        + $"({(double)transactions.Committed / events:0.0} committed, {(double)transactions.RolledBack / events:0.0} rolled back)";

    private static void Row(string path, string label, Percentiles? p) =>
        Console.WriteLine(p is null
            ? $"{path,-8}{label,-50}{"-",8}"
            : $"{path,-8}{label,-50}{p.P50,8:0.0}{p.P95,8:0.0}{p.P99,8:0.0}{p.Max,9:0.0}");

    private static string Others(CpuUse? cpu) => cpu is null ? "?" : $"{cpu.OthersPercent:0}%";

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private void Flag(CpuUse? cpu, string phase)
    {
        if (cpu is null)
        {
            return;
        }

        _busiestOthers = Math.Max(_busiestOthers, cpu.OthersPercent);
        if (cpu.OthersPercent >= DisturbedPercent)
        {
            Console.WriteLine($"  ! other processes took {cpu.OthersPercent:0}% of the machine's CPU ({phase}): these figures are disturbed");
        }
    }
}
