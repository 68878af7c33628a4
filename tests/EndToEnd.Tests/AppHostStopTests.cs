namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The app host as a process, with its dashboard: however a stop reaches it, it leaves nothing running (no
/// orchestrator, no dashboard, no server, no service), and a service that dies is reported, not hidden.
/// </summary>
public sealed class AppHostStopTests
{
    // As long as AspirePlatform allows: CI runs these beside the browser tests on two cores, where one start took
    // just over three minutes.
    private static readonly TimeSpan StartTime = TimeSpan.FromMinutes(6);
    // Generous for the same reason: these tests are about what is left running, not how fast a loaded machine stops.
    private static readonly TimeSpan StopTime = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Ctrl_C_in_a_terminal_stops_everything_the_app_host_started()
    {
        await using var host = await AppHostProcess.StartAsync(AppHostProcess.Launch.Terminal);
        await host.WaitUntilUpAsync(StartTime);
        var running = host.Processes();

        await host.PressCtrlCAsync();

        await AssertEverythingStopsAsync(host, running);
    }

    [Fact]
    public async Task SIGTERM_stops_everything_the_app_host_started()
    {
        await using var host = await AppHostProcess.StartAsync(AppHostProcess.Launch.Plain);
        await host.WaitUntilUpAsync(StartTime);
        var running = host.Processes();

        await host.SignalAsync("-TERM");

        await AssertEverythingStopsAsync(host, running);
    }

    [Fact]
    public async Task SIGINT_to_the_whole_process_group_without_a_terminal_stops_everything()
    {
        await using var host = await AppHostProcess.StartAsync(AppHostProcess.Launch.OwnProcessGroup);
        await host.WaitUntilUpAsync(StartTime);
        var running = host.Processes();

        await host.SignalAsync("-INT", group: true);

        await AssertEverythingStopsAsync(host, running);
    }

    [Fact]
    public async Task A_service_that_dies_is_reported_not_hidden()
    {
        await using var host = await AppHostProcess.StartAsync(AppHostProcess.Launch.Plain);
        await host.WaitUntilUpAsync(StartTime);
        var cycle = host.Processes().Single(p => p.Command.Contains("Concordat.Services.Cycle", StringComparison.Ordinal) && !p.Command.Contains("dotnet run", StringComparison.Ordinal));

        System.Diagnostics.Process.GetProcessById(cycle.Pid).Kill();

        await host.WaitForOutputAsync("cycle: Finished", TimeSpan.FromSeconds(30));
        Assert.False(host.HasExited);
    }

    private static async Task AssertEverythingStopsAsync(AppHostProcess host, IReadOnlyList<(int Pid, string Command)> running)
    {
        // What a stop must end: the orchestrator, the dashboard, both servers and all four .NET processes.
        Assert.Contains(running, p => p.Command.Contains("dcp", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Command.Contains("Aspire.Dashboard", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Command.Contains("Concordat.Gateway", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Command.Contains("Concordat.Services.Registry", StringComparison.Ordinal));

        await host.WaitForExitAsync(StopTime);
        var left = await host.WaitUntilNothingIsLeftAsync(TimeSpan.FromSeconds(15));

        Assert.True(left.Count == 0, $"still running after the app host exited: {string.Join("; ", left.Select(p => $"{p.Pid} {p.Command}"))}\n{host.Output}");
    }
}
