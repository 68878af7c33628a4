using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Concordat.Testing;

namespace Concordat.Messaging.Tests;

/// <summary>
/// The notes service (<c>tests/Messaging.TestHost</c>) as a process of its own, run by the same dotnet host as
/// the tests, so a test can see it die. Disposing it kills whatever is left of it: a failed test leaves no orphan.
/// </summary>
public sealed class NotesProcess : IAsyncDisposable
{
    private const string HostAssemblyName = "Concordat.Messaging.TestHost";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NotesProcess(Process process) => _process = process;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the notes service with its consumer on the given servers, with the process's <paramref name="options"/>.</summary>
    public static NotesProcess Start(string connectionString, Uri messaging, params string[] options)
    {
        var assembly = HostAssembly();
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }

        // In the environment rather than the arguments, so the password is not on the command line.
        info.Environment["ConnectionStrings__notesdb"] = connectionString;
        info.Environment["ConnectionStrings__messaging"] = messaging.ToString();

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {assembly}.");
        var notes = new NotesProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { notes._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { notes._output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return notes;
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>; fails at once if the process ends without it.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (Printed(text))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(); // the last lines are read by now
                    return Printed(text) ? true : throw new InvalidOperationException(
                        $"The notes process ended ({_process.ExitCode}) without printing '{text}'. Its output:\n{Output}");
                }

                return false;
            }, timeout, $"the notes process to print '{text}'");
        }
        catch (TimeoutException late)
        {
            throw new TimeoutException($"{late.Message} Its output:\n{Output}", late);
        }
    }

    /// <summary>Waits for the process to end by itself; returns its exit code (128 + the signal if a signal ended it).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The notes process was still running after {timeout.TotalSeconds:0} s. Its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Stops the process as an orchestrator would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private bool Printed(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// The notes service's assembly: beside the tests (the project reference copies it there with its runtime
    /// configuration), or in its own project's output for this configuration.
    /// </summary>
    private static string HostAssembly()
    {
        var configuration = typeof(NotesProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        string[] folders =
        [
            AppContext.BaseDirectory,
            Path.Combine(Repository.Root, "tests", "Messaging.TestHost", "bin", configuration, "net10.0"),
        ];
        return folders
            .Select(folder => Path.Combine(folder, HostAssemblyName + ".dll"))
            .FirstOrDefault(dll => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            ?? throw new InvalidOperationException($"{HostAssemblyName}.dll is in none of: {string.Join(", ", folders)}. Build the solution first.");
    }

    /// <summary>The dotnet host running these tests, so the process gets the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        return Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
    }
}
