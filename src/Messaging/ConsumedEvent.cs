using Concordat.ServiceDefaults;

namespace Concordat.Messaging;

/// <summary>
/// The integration event an <see cref="InboxConsumer{TEvent, TDbContext}"/> is applying in the current flow, so
/// that whatever records changes (the audit trail) can name the event as their cause without Messaging knowing it.
/// </summary>
public sealed record ConsumedEvent(string EventType, Guid EventId)
{
    private static readonly AmbientValue<ConsumedEvent> Applying = new();

    /// <summary>The event being applied in this flow, if any.</summary>
    public static ConsumedEvent? Current => Applying.Current;

    /// <summary>Marks <paramref name="consumed"/> as being applied in this flow until disposed.</summary>
    internal static IDisposable Begin(ConsumedEvent consumed) => Applying.Use(consumed);
}
