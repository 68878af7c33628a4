using System.Diagnostics;
using System.Runtime.InteropServices;
using Concordat.AppHost.Resources;
using Spectre.Console;

namespace Concordat.AppHost;

/// <summary>
/// Starts throwaway RabbitMQ and PostgreSQL servers (or uses the given ones), runs <c>dotnet test</c>
/// with their addresses in <c>CONCORDAT_TEST_*</c>, and stops them. Each test run then makes its own
/// databases and vhost on them.
/// </summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(LauncherOptions options, string[] testArguments)
    {
        using var logs = new LogSink(Path.Combine(options.DataDirectory, "test-logs"));
        var postgresData = Path.Combine(options.DataDirectory, "test-postgres");
        var rabbitData = Path.Combine(options.DataDirectory, "test-rabbitmq");
        foreach (var folder in new[] { postgresData, rabbitData })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var postgres = new PostgresServer(postgresData, options.PostgresConnectionString, ephemeral: true, logs);
        var rabbit = new RabbitMqServer(rabbitData, options.MessagingConnectionString, options.RabbitMqManagementUri, logs);
        using var cancel = new CancellationTokenSource();
        Process? tests = null;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
            try
            {
                tests?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already ended.
            }
        }

        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(postgres.StartAsync(cancel.Token), rabbit.StartAsync(cancel.Token));
            AnsiConsole.MarkupLine($"Test servers up in {clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL {postgres.Url}, RabbitMQ {Markup.Escape(rabbit.Url ?? "")} (logs: {Markup.Escape(logs.Folder!)})");

            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                UseShellExecute = false,
                WorkingDirectory = options.RepositoryRoot,
            };
            foreach (var argument in (string[])["test", Path.Combine(options.RepositoryRoot, "Concordat.slnx"), "--no-build", "-c", options.BuildConfiguration, .. testArguments])
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["CONCORDAT_TEST_POSTGRES"] = postgres.AdminConnectionString;
            info.Environment["CONCORDAT_TEST_RABBITMQ"] = rabbit.ConnectionUri.ToString();
            info.Environment["CONCORDAT_TEST_RABBITMQ_MANAGEMENT"] = rabbit.ManagementUri?.ToString();
            info.RedirectStandardOutput = true;
            var totals = new TestTotals();
            tests = Process.Start(info)!;
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

            return cancel.IsCancellationRequested ? 130 : tests.ExitCode;
        }
        catch (MissingPrerequisiteException missing)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(missing.Message)}[/]");
            return 3;
        }
        finally
        {
            await Task.WhenAll(rabbit.StopAsync(), postgres.StopAsync());
        }
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
