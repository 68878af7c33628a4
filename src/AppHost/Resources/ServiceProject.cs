
namespace Concordat.AppHost.Resources;

/// <summary>
/// A .NET service of the platform, run from its build output with the configuration the launcher
/// hands it. It is running once its <c>/health/ready</c> answers 200.
/// </summary>
internal sealed class ServiceProject(string name, string assemblyPath, Uri url, LogSink logs) : Resource(name)
{
    private ChildProcess? _process;

    /// <summary>Configuration passed as environment variables (Aspire's names).</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public Uri Address { get; } = url;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(assemblyPath))
        {
            Set(ResourceState.Failed, "not built");
            throw new InvalidOperationException($"{Name} is not built ({assemblyPath}); run `dotnet build Concordat.slnx`.");
        }

        Url = Address.ToString().TrimEnd('/');
        Set(ResourceState.Starting);
        Environment["ASPNETCORE_URLS"] = Url;
        Environment["OTEL_SERVICE_NAME"] = Name;
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        _process = ChildProcess.Start(dotnet, [assemblyPath], Environment, logs.For(Name), Path.GetDirectoryName(assemblyPath));
        Pid = _process.Pid;
        WatchForUnexpectedExit(_process, logs.For(Name));

        await WaitUntilReadyAsync(cancellationToken);
        Set(ResourceState.Running, "");
    }

    public override async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Set(ResourceState.Stopping);
        await _process.StopAsync(ChildProcess.SigTerm, TimeSpan.FromSeconds(15));
        Set(ResourceState.Stopped);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? last = null;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited while starting (code {await _process.Exited}); see its log.");
            }

            try
            {
                using var response = await http.GetAsync("health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"ready check says {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = "not listening yet";
            }

            if (DateTime.UtcNow > deadline)
            {
                Set(ResourceState.Failed, $"not ready after 120 s ({last})");
                throw new InvalidOperationException($"{Name} was not ready after 120 s ({last}).");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
