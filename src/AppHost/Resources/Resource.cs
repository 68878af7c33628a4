
namespace Concordat.AppHost.Resources;

/// <summary>What the status table shows of a resource.</summary>
internal enum ResourceState
{
    Waiting,
    Starting,
    Running,
    External,
    Stopping,
    Stopped,
    Exited,
    Failed,
}

/// <summary>
/// Something the launcher runs or uses: a server, a service, the gateway. Mirrors an Aspire resource:
/// a name, a state, an address and a process, and the configuration it hands to the others.
/// </summary>
internal abstract class Resource(string name)
{
    public string Name { get; } = name;

    public ResourceState State { get; protected set; } = ResourceState.Waiting;

    /// <summary>Where a person or another resource reaches it.</summary>
    public string? Url { get; protected set; }

    public int? Pid { get; protected set; }

    /// <summary>A short note for the table: an exit code, an error, where it came from.</summary>
    public string? Detail { get; protected set; }

    /// <summary>Raised when <see cref="State"/> changes, so the table can redraw.</summary>
    public event Action<Resource>? Changed;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    /// <summary>
    /// Marks the resource exited, and says so in its log, if its process ends without being asked to stop,
    /// so the table never hides a death.
    /// </summary>
    protected void WatchForUnexpectedExit(ChildProcess process, Action<string> log) =>
        _ = process.Exited.ContinueWith(exited =>
        {
            if (State is not (ResourceState.Stopping or ResourceState.Stopped))
            {
                log($"*** {Name} exited unexpectedly with code {exited.Result} ***");
                Set(ResourceState.Exited, $"exited with code {exited.Result}");
            }
        }, TaskScheduler.Default);

    protected void Set(ResourceState state, string? detail = null)
    {
        State = state;
        Detail = detail ?? Detail;
        Changed?.Invoke(this);
    }
}
