using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concordat.Contracts.Tests;

/// <summary>
/// The event contract a replacement service must keep, and the catalogue in docs/events.md that
/// partners read: every event is listed there with its wire name and CloudEvents type.
/// </summary>
public sealed partial class EventCatalogueTests
{
    private static readonly Type[] Events = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IntegrationEvent)))
        .ToArray();

    public static TheoryData<Type> EveryEvent => new(Events);

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_names_a_versioned_CloudEvents_type(Type eventType)
    {
        var type = EventTypeAttribute.Of(eventType);

        Assert.Matches(CloudEventsType(), type);
    }

    [Fact]
    public void No_two_events_share_a_CloudEvents_type()
    {
        var types = Events.Select(EventTypeAttribute.Of).ToList();

        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_is_in_the_catalogue_with_its_wire_name_and_type(Type eventType)
    {
        var catalogue = File.ReadAllText(Path.Combine(Testing.Repository.Root, "docs", "events.md"));

        Assert.Contains($"`{eventType.FullName}`", catalogue, StringComparison.Ordinal);
        Assert.Contains($"`{EventTypeAttribute.Of(eventType)}`", catalogue, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_lives_in_a_sealed_record_in_a_service_namespace(Type eventType)
    {
        Assert.True(eventType.IsSealed, $"{eventType.Name} should be sealed: consumers bind to exact types.");
        Assert.Matches(@"^Concordat\.Contracts\.(Registry|Cycle|Scrutiny|Subscriptions|Partners)$", eventType.Namespace);
    }

    [Fact]
    public void An_event_carries_its_envelope_on_the_wire()
    {
        var registered = new Registry.BodyRegistered
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("https://concordat.example/registry"),
            InstanceId = "gloucestershire",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = "bodies/1",
            BodyId = Guid.CreateVersion7(),
            Name = "GSP",
        };

        var json = JsonSerializer.SerializeToElement(registered, JsonSerializerOptions.Web);

        foreach (var member in new[] { "eventId", "source", "instanceId", "occurredAt", "subject", "type" })
        {
            Assert.True(json.TryGetProperty(member, out _), $"missing {member}");
        }

        Assert.Equal("org.concordat.registry.body.registered.v1", json.GetProperty("type").GetString());
    }

    [GeneratedRegex(@"^org\.concordat\.(registry|cycle|scrutiny|subscriptions|partners)\.[a-z-]+(\.[a-z-]+)*\.v[0-9]+$")]
    private static partial Regex CloudEventsType();
}
