using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Concordat.LocalServers;
using Spectre.Console;

namespace Concordat.Cli;

/// <summary>
/// Starts throwaway RabbitMQ and PostgreSQL servers (or uses the given ones), runs one command with their
/// addresses in <c>CONCORDAT_TEST_*</c>, and stops them; Ctrl+C or SIGTERM ends the command and stops them
/// too. The command makes its own databases and vhosts on them. Each sub-command has its own data folders
/// (<c>test-postgres</c>, <c>exec-postgres</c> …), emptied first, so a test run and a benchmark in one
/// checkout do not wipe each other's servers. The servers' output goes to <c>{purpose}-logs/</c>.
/// </summary>
internal static class ThrowawayServers
{
    /// <summary>
    /// Runs <paramref name="command"/> (from the repository root) once the servers are up; <paramref name="watch"/>
    /// waits for it to end and returns the exit code to report. Returns 130 when stopped by a signal and 3 when
    /// RabbitMQ or PostgreSQL is not installed.
    /// </summary>
    /// <remarks>
    /// With <c>durable</c> PostgreSQL runs with production durability (<c>fsync</c>, <c>synchronous_commit</c> and
    /// <c>full_page_writes</c> on, its defaults) instead of the throwaway settings: for a benchmark whose figures must hold in production.
    /// </remarks>
    public static async Task<int> RunAsync(
        CliOptions options, string purpose, ProcessStartInfo command, IAnsiConsole console, Func<Process, Task<int>> watch, bool durable = false)
    {
        var logFolder = Path.Combine(options.DataDirectory, $"{purpose}-logs");
        var postgresData = Path.Combine(options.DataDirectory, $"{purpose}-postgres");
        var rabbitData = Path.Combine(options.DataDirectory, $"{purpose}-rabbitmq");
        foreach (var folder in new[] { postgresData, rabbitData, logFolder })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Directory.CreateDirectory(logFolder);
        using var postgresLog = new StreamWriter(Path.Combine(logFolder, "postgres.log")) { AutoFlush = true };
        using var rabbitLog = new StreamWriter(Path.Combine(logFolder, "rabbitmq.log")) { AutoFlush = true };
        using var cancel = new CancellationTokenSource();
        Process? child = null;
        ChildProcess? postgres = null;
        RabbitMqNode? rabbit = null;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
            try
            {
                child?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already ended.
            }
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var postgresAdmin = options.PostgresConnectionString;
            var startPostgres = Task.CompletedTask;
            if (postgresAdmin is null)
            {
                var cluster = new PostgresCluster(postgresData, ephemeral: !durable);
                postgresAdmin = cluster.AdminConnectionString;
                startPostgres = Task.Run(async () => postgres = await cluster.StartAsync(Log(postgresLog), cancel.Token));
            }

            Uri rabbitUri;
            Uri? managementUri;
            var startRabbit = Task.CompletedTask;
            if (options.MessagingConnectionString is { } given)
            {
                rabbitUri = new Uri(given);
                managementUri = options.RabbitMqManagementUri is { } management ? new Uri(management) : null;
            }
            else
            {
                rabbit = new RabbitMqNode(rabbitData, Log(rabbitLog));
                rabbitUri = rabbit.ConnectionUri;
                managementUri = rabbit.ManagementUri;
                startRabbit = rabbit.StartAsync(cancel.Token);
            }

            await Task.WhenAll(startPostgres, startRabbit);
            console.MarkupLine($"Test servers up in {clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL {Markup.Escape(new Npgsql.NpgsqlConnectionStringBuilder(postgresAdmin).Host ?? "")}:{new Npgsql.NpgsqlConnectionStringBuilder(postgresAdmin).Port}, RabbitMQ {rabbitUri.Host}:{rabbitUri.Port} (logs: {Markup.Escape(logFolder)})");

            command.UseShellExecute = false;
            command.WorkingDirectory = options.RepositoryRoot;
            command.Environment["CONCORDAT_TEST_POSTGRES"] = postgresAdmin;
            command.Environment["CONCORDAT_TEST_RABBITMQ"] = rabbitUri.ToString();
            command.Environment["CONCORDAT_TEST_RABBITMQ_MANAGEMENT"] = managementUri?.ToString();
            try
            {
                child = Process.Start(command)!;
            }
            catch (Win32Exception notStarted)
            {
                console.MarkupLine($"[red]Cannot run {Markup.Escape(command.FileName)}: {Markup.Escape(notStarted.Message)}[/]");
                return 127;
            }

            var exitCode = await watch(child);
            return cancel.IsCancellationRequested ? 130 : exitCode;
        }
        catch (MissingPrerequisiteException missing)
        {
            console.MarkupLine($"[red]{Markup.Escape(missing.Message)}[/]");
            return 3;
        }
        finally
        {
            child?.Dispose();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await Task.WhenAll(
                rabbit?.StopAsync() ?? Task.CompletedTask,
                // SIGINT is PostgreSQL's fast shutdown: it ends sessions, then exits cleanly.
                postgres?.StopAsync(ChildProcess.SigInt, TimeSpan.FromSeconds(20)) ?? Task.CompletedTask);
        }
    }

    private static Action<string> Log(StreamWriter writer) => line =>
    {
        lock (writer)
        {
            writer.WriteLine(line);
        }
    };
}
