namespace Concordat.Messaging;

/// <summary>
/// Wakes a background loop (the outbox relay, the webhook dispatcher, the feed publisher) when a commit may have given it
/// work; between wakes it polls. Wakes coalesce: many commits, one pass. Each loop has its own subclass, so each is its
/// own singleton.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Wake()
    {
        // Already woken: the next pass sees this commit too. Checked first, because a full semaphore
        // answers Release with an exception, and under load nearly every commit finds it full.
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke it in between.
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes (real time: a cadence, not a schedule).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }
}
