namespace Concordat.Messaging;

/// <summary>
/// The integration event an <see cref="InboxConsumer{TEvent, TDbContext}"/> is applying in the current flow, so
/// that whatever records changes (the audit trail) can name the event as their cause without Messaging knowing it.
/// </summary>
public sealed record ConsumedEvent(string EventType, Guid EventId)
{
    private static readonly AsyncLocal<ConsumedEvent?> Applying = new();

    /// <summary>The event being applied in this flow, if any.</summary>
    public static ConsumedEvent? Current => Applying.Value;

    /// <summary>Marks <paramref name="consumed"/> as being applied in this flow until disposed.</summary>
    internal static IDisposable Begin(ConsumedEvent consumed)
    {
        var previous = Applying.Value;
        Applying.Value = consumed;
        return new Restore(previous);
    }

    private sealed class Restore(ConsumedEvent? previous) : IDisposable
    {
        public void Dispose() => Applying.Value = previous;
    }
}
