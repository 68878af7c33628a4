using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The Aspire app host run as a real process, as <c>./concordat up</c> runs it, with its dashboard, on the test
/// run's servers (its own databases and vhost), a private gateway port, dashboard ports and data folder. Every
/// process it leads to (the orchestrator, the dashboard, the services) inherits a marker in its environment, so
/// the tests can find them wherever the orchestrator puts them in the process tree.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    /// <summary>How the app host is started, which decides how a stop can reach it.</summary>
    public enum Launch
    {
        /// <summary>A plain child process.</summary>
        Plain,

        /// <summary>In a process group (and session) of its own, as a supervisor would start it.</summary>
        OwnProcessGroup,

        /// <summary>In a terminal (a pseudo-terminal made by <c>script</c>), where Ctrl+C is typed.</summary>
        Terminal,
    }

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _marker;

    private AppHostProcess(Process process, string marker, string dataDirectory)
    {
        _process = process;
        _marker = marker;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public string DatabasePrefix { get; private init; } = "";

    public string VirtualHost { get; private init; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the app host printed so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<AppHostProcess> StartAsync(Launch launch)
    {
        var root = Repository.Root;
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var apphost = Path.Combine(root, "src", "AppHost", "bin", configuration, "net10.0", "Concordat.AppHost.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var marker = Guid.NewGuid().ToString("N");
        var data = Path.Combine(Path.GetTempPath(), "concordat-apphost-" + marker);
        var virtualHost = TestServers.UniqueName("apphost");
        var prefix = TestServers.UniqueName("apphost") + "_";

        var info = launch switch
        {
            Launch.OwnProcessGroup => new ProcessStartInfo("setsid") { ArgumentList = { dotnet, apphost } },
            // script runs the command on a new pseudo-terminal as its foreground job, and copies what we write to
            // the terminal: a 0x03 there is the terminal's interrupt character, as a person's Ctrl+C is.
            Launch.Terminal => new ProcessStartInfo("script") { ArgumentList = { "--quiet", "--flush", "--return", "--command", $"exec {dotnet} {apphost}", "/dev/null" } },
            _ => new ProcessStartInfo(dotnet) { ArgumentList = { apphost } },
        };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.WorkingDirectory = root;
        info.Environment["CONCORDAT_TEST_MARKER"] = marker;
        info.Environment["ConnectionStrings__postgres"] = TestServers.PostgresAdmin;
        info.Environment["ConnectionStrings__messaging"] = (await TestServers.CreateVirtualHostAsync(virtualHost)).ToString();
        info.Environment["AppHost__DatabasePrefix"] = prefix;
        info.Environment["AppHost__GatewayUrl"] = $"http://127.0.0.1:{Repository.FreeLoopbackPort()}";
        info.Environment["AppHost__DataDirectory"] = data;
        // These tests are about starting and stopping, not the demo: playing the Appendix 1 examples after start
        // would only lengthen each start (the Aspire platform tests and browser tests play it).
        info.Environment["AppHost__DemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Repository.FreeLoopbackPort()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{Repository.FreeLoopbackPort()}";

        var process = Process.Start(info)!;
        var host = new AppHostProcess(process, marker, data) { DatabasePrefix = prefix, VirtualHost = virtualHost };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { host._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { host._output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the app host says every resource is running and healthy.</summary>
    public Task WaitUntilUpAsync(TimeSpan timeout) => WaitForOutputAsync("Concordat is up", timeout);

    /// <summary>Waits until a line of output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The app host never printed '{text}' (exited: {_process.HasExited}). Its output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every live process started for this app host (the app host itself included): pid and command line.</summary>
    public IReadOnlyList<(int Pid, string Command)> Processes()
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !IsAlive(pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environment.Contains("CONCORDAT_TEST_MARKER=" + _marker, StringComparison.Ordinal))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }

        return found;
    }

    /// <summary>Waits until no process started for this app host is left; returns those still there at the deadline.</summary>
    public async Task<IReadOnlyList<(int Pid, string Command)>> WaitUntilNothingIsLeftAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Processes();
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The app host's pid (under <c>script</c>, the app host's rather than script's).</summary>
    public int AppHostPid => Processes().Single(p => p.Command.Contains("Concordat.AppHost.dll", StringComparison.Ordinal) && !p.Command.StartsWith("script", StringComparison.Ordinal)).Pid;

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>-TERM</c>) to the app host, or with <paramref name="group"/> to its whole process group.</summary>
    public async Task SignalAsync(string signal, bool group = false)
    {
        var target = (group ? -AppHostPid : AppHostPid).ToString(CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", [signal, "--", target]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Types Ctrl+C in the app host's terminal.</summary>
    public async Task PressCtrlCAsync()
    {
        await _process.StandardInput.WriteAsync('\u0003');
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the process we started (the app host, or <c>script</c> around it) to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app host was still running {timeout.TotalSeconds:0} s after the stop. Its output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (pid, _) in Processes())
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        _process.Dispose();
        foreach (var database in ResourceNames.Databases)
        {
            await TestServers.DropDatabaseAsync(DatabasePrefix + database);
        }

        await TestServers.DeleteVirtualHostAsync(VirtualHost);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
