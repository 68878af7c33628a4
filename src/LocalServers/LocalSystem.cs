using System.Net;
using System.Net.Sockets;

namespace Concordat.LocalServers;

/// <summary>Facts about this machine the local servers need: who we are, where things are, free ports.</summary>
public static partial class LocalSystem
{
    public static bool IsRoot => GetEuid() == 0;

    /// <summary>A TCP port on loopback that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository root (the folder with Concordat.slnx), searched upwards from the running program.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Concordat.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Concordat.slnx) above the running program.");
    }

    /// <summary>Finds an executable on PATH or at one of <paramref name="candidates"/> (globs allowed in the folder part).</summary>
    public static string? FindExecutable(string name, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var folder = Path.GetDirectoryName(candidate)!;
            var file = Path.GetFileName(candidate);
            if (folder.Contains('*', StringComparison.Ordinal))
            {
                var parent = folder[..folder.IndexOf('*', StringComparison.Ordinal)];
                var pattern = folder[parent.Length..].Split('/')[0];
                var rest = folder[(parent.Length + pattern.Length)..].TrimStart('/');
                if (Directory.Exists(parent))
                {
                    var match = Directory.GetDirectories(parent, pattern)
                        .OrderByDescending(d => d, StringComparer.Ordinal)
                        .Select(d => Path.Combine(d, rest, file))
                        .FirstOrDefault(File.Exists);
                    if (match is not null)
                    {
                        return match;
                    }
                }
            }
            else if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The command line that runs <paramref name="command"/> as <paramref name="user"/> when we are root
    /// (PostgreSQL refuses to run as root; RabbitMQ's files belong to its own user), and as ourselves otherwise.
    /// <c>setpriv</c> execs the command, so the pid we hold is the server's own.
    /// </summary>
    public static (string FileName, List<string> Arguments) AsUser(string user, string command, IEnumerable<string> arguments)
    {
        if (!IsRoot)
        {
            return (command, arguments.ToList());
        }

        return ("setpriv", ["--reuid", user, "--regid", user, "--init-groups", "--", command, .. arguments]);
    }

    /// <summary>Gives <paramref name="path"/> and everything below it to <paramref name="user"/> (only when root).</summary>
    public static async Task OwnAsync(string path, string user)
    {
        if (IsRoot)
        {
            var (code, output) = await ChildProcess.RunAsync("chown", ["-R", $"{user}:{user}", path]);
            if (code != 0)
            {
                throw new InvalidOperationException($"chown {user} {path} failed: {output}");
            }
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
