using System.Net;
using System.Net.Sockets;

namespace Concordat.Testing;

/// <summary>Where tests find the repository's files and a free port for a process they start.</summary>
public static class Repository
{
    /// <summary>The folder holding Concordat.slnx, searched upwards from the test's build output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A TCP port on loopback that nothing listens on now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Concordat.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Concordat.slnx) above the tests.");
    }
}
