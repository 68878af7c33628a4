using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Bench.Messaging;

/// <summary>
/// The ceiling: the same event published straight to the bus (<see cref="IPublishEndpoint.Publish{T}(T, CancellationToken)"/>)
/// and consumed by a consumer that does nothing. Same bus set-up as the outbox path (publisher confirms,
/// durable queues, retry), same broker, its own vhost, no database.
/// </summary>
internal sealed class PlainPath : MessagingPath
{
    public const string Service = "bench-plain";

    private static readonly Uri Source = new("http://concordat.bench/bench-plain");
    private readonly IPublishEndpoint _publisher;

    private PlainPath(IHost host, string virtualHost, Func<Task> removeServerObjects)
        : base("plain", host, virtualHost, removeServerObjects) =>
        _publisher = host.Services.GetRequiredService<IBus>();

    public static async Task<PlainPath> StartAsync(BenchSettings settings)
    {
        var virtualHost = TestServers.UniqueName("bench_plain");
        Task RemoveServerObjects() => TestServers.DeleteVirtualHostAsync(virtualHost);
        try
        {
            var messaging = await TestServers.CreateVirtualHostAsync(virtualHost);
            var builder = CreateBuilder(Service, messaging, settings, []);
            builder.AddServiceMessaging(Service, bus => bus.AddConsumer<IdleBodyRegisteredConsumer>());
            var path = new PlainPath(builder.Build(), virtualHost, RemoveServerObjects);
            await path.StartAsync();
            return path;
        }
        catch
        {
            await RemoveServerObjects();
            throw;
        }
    }

    /// <summary>Publishes the event with the envelope the outbox would have stamped, so the messages weigh the same.</summary>
    public override Task SendAsync(Guid bodyId, CancellationToken cancellationToken) =>
        _publisher.Publish(new BodyRegistered
        {
            EventId = Guid.CreateVersion7(),
            Source = Source,
            InstanceId = "bench",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"bodies/{bodyId}",
            BodyId = bodyId,
            Name = Body.BenchName,
        }, cancellationToken);
}

/// <summary>Consumes <see cref="BodyRegistered"/> and does no work: what is left is MassTransit and the broker.</summary>
public sealed class IdleBodyRegisteredConsumer : IConsumer<BodyRegistered>
{
    public Task Consume(ConsumeContext<BodyRegistered> context) => Task.CompletedTask;
}
