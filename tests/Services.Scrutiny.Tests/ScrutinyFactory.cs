using Concordat.Contracts;
using Concordat.Contracts.Registry;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

/// <summary>The scrutiny service on its own database and vhost.</summary>
public class ScrutinyFactory() : ServiceFactory<Program>(ResourceNames.ScrutinyDatabase)
{
    /// <summary>Publishes on the service's own bus, to its vhost on the real broker, as another service's relay would, and waits until it was consumed.</summary>
    public async Task PublishAndWaitAsync<T>(T message)
        where T : IntegrationEvent
    {
        var bus = Services.GetRequiredService<IBus>();
        using var watcher = new ConsumeWatcher(bus);
        await bus.Publish(message, context => context.MessageId = message.EventId);
        await watcher.WaitForAsync(message.EventId);
    }

    /// <summary>Registers a body with <paramref name="roles"/> (a committee has <c>scrutiny</c>) and waits until scrutiny knows it.</summary>
    public async Task<Guid> BodyAsync(string name, string[] roles, string tier = "county")
    {
        var id = Guid.CreateVersion7();
        await PublishAndWaitAsync(new BodyRegistered
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/registry"),
            InstanceId = "glos",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"bodies/{id}",
            BodyId = id,
            Name = name,
            Roles = roles,
            Tier = tier,
            Scope = "geographic",
            BodyType = "consultative",
        });
        return id;
    }

    /// <summary>A committee of <paramref name="tier"/>.</summary>
    public Task<Guid> CommitteeAsync(string name, string tier = "county") => BodyAsync(name, ["scrutiny"], tier);

    /// <summary>A client for a new person seated on <paramref name="body"/> in <paramref name="capacity"/>, whose token carries <paramref name="role"/>.</summary>
    public async Task<HttpClient> SeatedAsync(Guid body, string capacity, string role, Guid? onBehalfOf = null, string name = "Sam Scrutineer")
    {
        var subject = $"person-{Guid.NewGuid():N}";
        await PublishAndWaitAsync(new MembershipStarted
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/registry"),
            InstanceId = "glos",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"memberships/{Guid.CreateVersion7()}",
            MembershipId = Guid.CreateVersion7(),
            BodyId = body,
            PersonId = Guid.CreateVersion7(),
            PersonName = name,
            OnBehalfOfOrganisationId = onBehalfOf,
            PersonSubject = subject,
            Role = capacity,
            Voting = capacity != "clerk",
            StartsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)),
        });
        return CreateClient(Tokens.Token(new TokenRequest { Subject = subject, Roles = [role] }));
    }
}
