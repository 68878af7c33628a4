using System.Globalization;

namespace Concordat.Bench.Messaging;

/// <summary>
/// Where the machine's CPU went during a phase: <c>/proc/stat</c> for the whole machine against the CPU time of
/// our process tree, by process. Under <c>concordat exec</c> the tree is the command line's (our parent), so
/// it holds the PostgreSQL and RabbitMQ it started; anything else is another process (someone's build or test
/// run) competing for the same cores.
/// </summary>
internal static class CpuMeter
{
    private static readonly int Launcher = FindLauncher();

    /// <summary>Whether the servers are counted as ours (they are when the launcher started them and us).</summary>
    public static bool CountsServers => Launcher != Environment.ProcessId;

    /// <summary>A snapshot, or null where there is no <c>/proc</c>.</summary>
    public static CpuSnapshot? Take()
    {
        try
        {
            var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
            var processes = new Dictionary<int, ProcessTicks>();
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } ticks)
                {
                    processes[pid] = ticks;
                }
            }

            // user + nice + system is what processes are charged with; the total adds idle, iowait, irq, softirq and steal.
            return new CpuSnapshot(machine.Take(8).Sum(), machine[0] + machine[1] + machine[2], processes);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static CpuUse? Between(CpuSnapshot? before, CpuSnapshot? after)
    {
        if (before is null || after is null || after.Total <= before.Total)
        {
            return null;
        }

        var children = after.Processes.ToLookup(p => p.Value.Parent, p => p.Key);
        var ours = new Dictionary<string, long>();
        var pending = new Stack<int>([Launcher]);
        var seen = new HashSet<int>();
        while (pending.TryPop(out var pid))
        {
            if (!seen.Add(pid))
            {
                continue;
            }

            if (after.Processes.TryGetValue(pid, out var now))
            {
                var used = Math.Max(0, now.Ticks - (before.Processes.TryGetValue(pid, out var then) ? then.Ticks : 0));
                var part = Part(pid, now.Name);
                ours[part] = ours.GetValueOrDefault(part) + used;
            }

            foreach (var child in children[pid])
            {
                pending.Push(child);
            }
        }

        return new CpuUse(after.Total - before.Total, after.Busy - before.Busy, ours);
    }

    private static string Part(int pid, string name) => name switch
    {
        _ when pid == Environment.ProcessId => CpuUse.Bench,
        _ when pid == Launcher => "launcher",
        "postgres" => "PostgreSQL",
        "beam.smp" or "epmd" or "erl_child_setup" or "inet_gethost" => "RabbitMQ",
        _ => "other of ours",
    };

    /// <summary>The command name and utime + stime + cutime + cstime of one process (what it and its reaped children used).</summary>
    private static ProcessTicks? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name, in parentheses, may hold spaces: the fields that follow are after its last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return new ProcessTicks(stat[(open + 1)..close], (int)Field(1), Field(11) + Field(12) + Field(13) + Field(14));
        }
        catch (IOException)
        {
            return null; // Ended between the listing and the read.
        }
    }

    private static int FindLauncher()
    {
        try
        {
            var parent = Read(Environment.ProcessId)?.Parent ?? 0;
            var command = File.ReadAllText($"/proc/{parent}/cmdline");
            return command.Contains("Concordat.Cli", StringComparison.Ordinal) ? parent : Environment.ProcessId;
        }
        catch (IOException)
        {
            return Environment.ProcessId;
        }
    }
}

internal sealed record CpuSnapshot(long Total, long Busy, IReadOnlyDictionary<int, ProcessTicks> Processes);

internal readonly record struct ProcessTicks(string Name, int Parent, long Ticks);

/// <summary>CPU ticks of the whole machine (all cores) during one or more phases: busy, and ours by part.</summary>
internal sealed record CpuUse(long Total, long Busy, IReadOnlyDictionary<string, long> Ours)
{
    public const string Bench = "bench";

    public double BusyPercent => Percent(Busy);

    /// <summary>The share of the machine that processes outside our tree took, in per cent.</summary>
    public double OthersPercent => Math.Max(0, Percent(Busy - Ours.Values.Sum()));

    public static CpuUse operator +(CpuUse? a, CpuUse b) => a is null
        ? b
        : new CpuUse(a.Total + b.Total, a.Busy + b.Busy,
            a.Ours.Keys.Union(b.Ours.Keys).ToDictionary(k => k, k => a.Ours.GetValueOrDefault(k) + b.Ours.GetValueOrDefault(k)));

    /// <summary>"bench 60%, PostgreSQL 25%, RabbitMQ 8%, other processes 2%, idle 5%" of the whole machine.</summary>
    public string Breakdown() =>
        string.Join(", ", Ours.Where(p => Percent(p.Value) >= 0.5).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {Percent(p.Value):0}%")
            .Append($"other processes {OthersPercent:0}%")
            .Append($"idle {Math.Max(0, 100 - BusyPercent):0}%"));

    private double Percent(long ticks) => 100.0 * ticks / Total;
}
