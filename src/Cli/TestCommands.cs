using System.Diagnostics;
using Spectre.Console;

namespace Concordat.Cli;

/// <summary>
/// <c>test</c>: runs <c>dotnet test</c> against throwaway servers (see <see cref="ThrowawayServers"/>) and
/// prints one totals line over every test assembly.
/// </summary>
internal static class TestCommand
{
    public static Task<int> RunAsync(CliOptions options, string[] testArguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
        };
        foreach (var argument in (string[])["test", Path.Combine(options.RepositoryRoot, "Concordat.slnx"), "--no-build", "-c", options.BuildConfiguration, .. testArguments])
        {
            info.ArgumentList.Add(argument);
        }

        return ThrowawayServers.RunAsync(options, "test", info, AnsiConsole.Console, async tests =>
        {
            var totals = new TestTotals();
            while (await tests.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                Console.WriteLine(line);
                totals.Add(line);
            }

            await tests.WaitForExitAsync(CancellationToken.None);
            // One plain line for whoever reads the end of the log: the totals over every test assembly.
            Console.WriteLine($"tests: {totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped");
            if (tests.ExitCode == 0 && totals.Passed == 0)
            {
                Console.Error.WriteLine("No test ran.");
                return 1;
            }

            return tests.ExitCode;
        });
    }
}

/// <summary>
/// <c>exec -- command [args]</c>: runs any command (a benchmark, a script) against throwaway servers
/// (see <see cref="ThrowawayServers"/>), with this program's terminal, and returns its exit code. Our
/// own lines go to stderr, so the command's stdout is only its own.
/// </summary>
internal static class ExecCommand
{
    public static Task<int> RunAsync(CliOptions options, string[] command)
    {
        // --durable: PostgreSQL as in production (fsync and synchronous_commit on), for benchmarks.
        var durable = false;
        if (command is ["--durable", .. var afterOption])
        {
            durable = true;
            command = afterOption;
        }

        if (command is ["--", .. var rest])
        {
            command = rest;
        }

        if (command.Length == 0)
        {
            Console.Error.WriteLine("exec needs a command: ./concordat exec -- <command> [args]");
            return Task.FromResult(2);
        }

        var info = new ProcessStartInfo(command[0]);
        foreach (var argument in command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // As for stdout in Program.cs: logs are read as lines, not wrapped at a pretend terminal's width.
            stderr.Profile.Width = 240;
        }

        return ThrowawayServers.RunAsync(options, "exec", info, stderr, async child =>
        {
            await child.WaitForExitAsync(CancellationToken.None);
            return child.ExitCode;
        }, durable);
    }
}

/// <summary>Adds up the per-assembly summary lines <c>dotnet test</c> prints.</summary>
internal sealed partial class TestTotals
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public void Add(string line)
    {
        var match = Summary().Match(line);
        if (match.Success)
        {
            Failed += int.Parse(match.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Passed += int.Parse(match.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Skipped += int.Parse(match.Groups["skipped"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+(?<skipped>\d+)")]
    private static partial System.Text.RegularExpressions.Regex Summary();
}
