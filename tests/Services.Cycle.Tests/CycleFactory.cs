using Concordat.Contracts;
using Concordat.Contracts.Registry;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Cycle.Tests;

/// <summary>The cycle service on its own database and vhost.</summary>
public sealed class CycleFactory() : ServiceFactory<Program>(ResourceNames.CycleDatabase)
{
    /// <summary>A new body's registration, as the registry would publish it.</summary>
    public static BodyRegistered BodyRegistered(string name)
    {
        var id = Guid.CreateVersion7();
        return new BodyRegistered
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/registry"),
            InstanceId = "glos",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"bodies/{id}",
            BodyId = id,
            Name = name,
        };
    }

    /// <summary>Publishes on the service's own bus, to its vhost on the real broker, as the registry's relay would.</summary>
    public async Task PublishAsync<T>(T message)
        where T : IntegrationEvent
    {
        var bus = Services.GetRequiredService<IBus>();
        await bus.Publish(message, context => context.MessageId = message.EventId);
    }
}
