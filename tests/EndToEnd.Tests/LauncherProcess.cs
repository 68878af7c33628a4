using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Concordat.LocalServers;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The launcher (src/AppHost) run as a real process, as a user would run it, on the test run's
/// servers: its own databases (a name prefix) and vhost, a private gateway port and data folder.
/// </summary>
public sealed class LauncherProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LauncherProcess(Process process, Uri gateway, string dataDirectory)
    {
        _process = process;
        Gateway = gateway;
        DataDirectory = dataDirectory;
    }

    public Uri Gateway { get; }

    public string DataDirectory { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// A platform administrator's token from the issuer the launcher keeps in its data folder (as the <c>token</c>
    /// command makes one), for tests that write through the gateway. Call after <see cref="WaitUntilUpAsync"/>.
    /// </summary>
    public string AdministratorToken() =>
        DevelopmentIssuer.Load(Path.Combine(DataDirectory, "dev-issuer"))
            .IssueToken(new TokenRequest { Subject = "end-to-end-admin", Roles = ["platform_admin"], Lifetime = TimeSpan.FromHours(2) });

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the launcher and its resources printed so far.</summary>
    public string Output => string.Join('\n', _output);

    public static LauncherProcess Start(Uri messaging, string databasePrefix, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = Testing.Repository.Root;
        var configuration = typeof(LauncherProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var apphost = Path.Combine(root, "src", "AppHost", "bin", configuration, "net10.0", "Concordat.AppHost.dll");
        var gateway = new Uri($"http://127.0.0.1:{Testing.Repository.FreeLoopbackPort()}");
        var data = Path.Combine(Path.GetTempPath(), "concordat-e2e-" + Guid.NewGuid().ToString("N"));

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add(apphost);
        info.ArgumentList.Add("up");
        info.Environment["ConnectionStrings__postgres"] = Testing.TestServers.PostgresAdmin;
        info.Environment["ConnectionStrings__messaging"] = messaging.ToString();
        info.Environment["AppHost__DatabasePrefix"] = databasePrefix;
        info.Environment["AppHost__GatewayUrl"] = gateway.ToString();
        info.Environment["AppHost__DataDirectory"] = data;
        info.Environment["AppHost__Logs"] = "console";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var launcher = new LauncherProcess(process, gateway, data);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { launcher._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { launcher._output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return launcher;
    }

    /// <summary>Waits until the launcher says the platform is up (every resource healthy).</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(line => line.Contains("Concordat is up", StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The launcher did not come up (exited: {_process.HasExited}). Its output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The launcher never printed '{text}'. Its output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every process below the launcher now (services, and servers it started).</summary>
    public IReadOnlyList<int> Descendants()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([_process.Id]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, _) in parents.Where(p => p.Value == parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Stops the launcher as Ctrl+C would (SIGINT) and waits for it to exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await InterruptAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
