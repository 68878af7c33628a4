using Concordat.Testing;

namespace Concordat.EndToEnd.Tests;

/// <summary>How the launcher behaves as a process: it owns what it starts and hides nothing.</summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task Interrupting_the_launcher_stops_everything_it_started()
    {
        await using var run = await LaunchAsync();
        var started = run.Launcher.Descendants();
        Assert.NotEmpty(started);

        var exitCode = await run.Launcher.InterruptAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(started, LauncherProcess.IsAlive);
    }

    [Fact]
    public async Task A_service_that_dies_is_reported_not_hidden()
    {
        await using var run = await LaunchAsync();
        var cycle = ResourcePid(run.Launcher, "cycle");

        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", cycle.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await run.Launcher.WaitForOutputAsync("cycle exited", TimeSpan.FromSeconds(20));
        Assert.False(run.Launcher.HasExited);
    }

    private static int ResourcePid(LauncherProcess launcher, string name)
    {
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(launcher.DataDirectory, "resources.json")));
        return manifest.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).GetProperty("pid").GetInt32();
    }

    private static async Task<Run> LaunchAsync()
    {
        var vhost = TestServers.UniqueName("launcher");
        var prefix = TestServers.UniqueName("launcher") + "_";
        var launcher = LauncherProcess.Start(await TestServers.CreateVirtualHostAsync(vhost), prefix);
        var run = new Run(launcher, vhost, prefix);
        try
        {
            await launcher.WaitUntilUpAsync(TimeSpan.FromSeconds(180));
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    private sealed record Run(LauncherProcess Launcher, string VirtualHost, string DatabasePrefix) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Launcher.DisposeAsync();
            foreach (var resource in new[] { "registrydb", "cycledb", "scrutinydb" })
            {
                await TestServers.DropDatabaseAsync(DatabasePrefix + resource);
            }

            await TestServers.DeleteVirtualHostAsync(VirtualHost);
        }
    }
}
