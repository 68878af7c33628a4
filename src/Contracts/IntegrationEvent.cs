namespace Concordat.Contracts;

/// <summary>
/// What every integration event carries: enough for a CloudEvent (id, source, type, time, subject)
/// so the same event can be handed to partners without translation tables.
/// Never rename or move a derived type: its namespace and name are its identity on the wire.
/// Change an event by adding a new version beside it.
/// The envelope members (id, source, instance, time) are stamped by the producing service's outbox,
/// so they are always present on the wire; the producer sets <see cref="Subject"/> and the payload.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique id of this event (UUID v7); consumers use it to apply the event once.</summary>
    public Guid EventId { get; init; }

    /// <summary>The CloudEvents <c>source</c>: the producing instance's base URI and service, e.g. <c>https://concordat.example/registry</c>.</summary>
    public Uri Source { get; init; } = null!;

    /// <summary>The producing instance (a council's deployment), e.g. <c>gloucestershire</c>.</summary>
    public string InstanceId { get; init; } = "";

    /// <summary>When the change happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The CloudEvents <c>subject</c>: the record the event is about, e.g. <c>bodies/0190…</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The CloudEvents <c>type</c>, from the <see cref="EventTypeAttribute"/> on the concrete event.</summary>
    public string Type => EventTypeAttribute.Of(GetType());
}

/// <summary>Names an event's CloudEvents <c>type</c>, reverse-DNS and versioned: <c>org.concordat.registry.body.registered.v1</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string type) : Attribute
{
    public string Type { get; } = type;

    /// <summary>The type name declared on <paramref name="eventType"/>.</summary>
    public static string Of(Type eventType) =>
        eventType.GetCustomAttributes(typeof(EventTypeAttribute), inherit: false) is [EventTypeAttribute attribute, ..]
            ? attribute.Type
            : throw new InvalidOperationException($"{eventType.FullName} has no [EventType].");
}
