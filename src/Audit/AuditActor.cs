using Concordat.ServiceDefaults;

namespace Concordat.Audit;

/// <summary>Who is making the changes being saved, when it is not (only) the current request's caller.</summary>
public sealed record AuditActor(string Subject, string Operation)
{
    private static readonly AmbientValue<AuditActor> Current = new();

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Organisation { get; init; }

    public string? AuthMethod { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The actor set by <see cref="Use"/> around the current flow, if any.</summary>
    public static AuditActor? Ambient => Current.Current;

    /// <summary>The service itself, e.g. <c>system:registry</c>, doing <paramref name="operation"/> (loading demo data).</summary>
    public static AuditActor System(string service, string operation) => new($"system:{service}", operation);

    /// <summary>A consumer applying an integration event: <c>event:&lt;event type&gt;</c>, correlated by event id.</summary>
    public static AuditActor Event(string eventType, Guid eventId) =>
        new($"event:{eventType}", $"consume {eventType}") { CorrelationId = eventId.ToString() };

    /// <summary>
    /// Attributes every change saved in this flow (until disposed) to <paramref name="actor"/>, whether or not
    /// there is a request; it wins over the request's caller.
    /// </summary>
    public static IDisposable Use(AuditActor actor) => Current.Use(actor);
}
