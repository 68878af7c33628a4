using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Concordat.Bench.Messaging;

/// <summary>
/// One way of getting <see cref="BodyRegistered"/> from a producer to a consumer: a host of its own on its own
/// vhost (and database), set up the way a service is (<c>AddServiceDefaults</c>, <see cref="MessagingExtensions"/>),
/// with observers that tell the current <see cref="Journey"/> when the bus has published an event and when a
/// consumer has finished with it.
/// </summary>
internal abstract class MessagingPath : IConsumeObserver, IPublishObserver, IAsyncDisposable
{
    private readonly Func<Task> _removeServerObjects;
    private Journey? _journey;
    private ConnectHandle? _consumeObserver;
    private ConnectHandle? _publishObserver;

    protected MessagingPath(string name, IHost host, string virtualHost, Func<Task> removeServerObjects)
    {
        Name = name;
        Host = host;
        VirtualHost = virtualHost;
        _removeServerObjects = removeServerObjects;
    }

    /// <summary><c>outbox</c> or <c>plain</c>.</summary>
    public string Name { get; }

    public IHost Host { get; }

    public string VirtualHost { get; }

    /// <summary>Sends one event about a new body; returns once it is committed (outbox) or published and confirmed (plain).</summary>
    public abstract Task SendAsync(Guid bodyId, CancellationToken cancellationToken);

    /// <summary>Reports consumer completions to <paramref name="journey"/> from now on.</summary>
    public Journey Follow(Journey journey)
    {
        Volatile.Write(ref _journey, journey);
        return journey;
    }

    /// <summary>What every service starts from (<c>AddServiceDefaults</c>: telemetry, health), for service <paramref name="service"/> on <paramref name="messaging"/>.</summary>
    protected static HostApplicationBuilder CreateBuilder(string service, Uri messaging, BenchSettings settings, IEnumerable<KeyValuePair<string, string?>> more)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = messaging.ToString(),
            ["Database:MigrateOnStartup"] = "false",
            ["Concordat:InstanceId"] = "bench",
            ["Messaging:QuorumQueues"] = settings.QuorumQueues.ToString(),
            // The figures are the output: keep the framework's information lines out of it.
            ["Logging:LogLevel:Default"] = "Warning",
            // Waiting for readiness polls the health checks, which log each Unhealthy answer as an error.
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        }.Concat(more));
        builder.AddServiceDefaults(service);
        return builder;
    }

    /// <summary>Starts the host and waits until it is ready: database reachable, bus connected with its queues bound.</summary>
    protected async Task StartAsync()
    {
        await Host.StartAsync();
        var health = Host.Services.GetRequiredService<HealthCheckService>();
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync()).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60), $"the {Name} path to be ready");
        var bus = Host.Services.GetRequiredService<IBus>();
        _consumeObserver = bus.ConnectConsumeObserver(this);
        _publishObserver = bus.ConnectPublishObserver(this);
    }

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context)
    {
        // After the consumer returned: for the outbox path, after its effect and inbox record committed.
        if (context.Message is BodyRegistered registered)
        {
            Volatile.Read(ref _journey)?.Completed(registered.BodyId);
        }

        return Task.CompletedTask;
    }

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;

    Task IPublishObserver.PrePublish<T>(PublishContext<T> context) => Task.CompletedTask;

    Task IPublishObserver.PostPublish<T>(PublishContext<T> context)
    {
        // After the broker confirmed it: for the outbox path, the relay's publish.
        if (context.Message is BodyRegistered registered)
        {
            Volatile.Read(ref _journey)?.Published(registered.BodyId);
        }

        return Task.CompletedTask;
    }

    Task IPublishObserver.PublishFault<T>(PublishContext<T> context, Exception exception) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _consumeObserver?.Disconnect();
        _publishObserver?.Disconnect();
        try
        {
            await Host.StopAsync();
        }
        finally
        {
            Host.Dispose();
            await _removeServerObjects();
        }
    }
}
