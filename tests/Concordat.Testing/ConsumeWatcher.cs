using System.Collections.Concurrent;
using MassTransit;

namespace Concordat.Testing;

/// <summary>
/// Watches a service's bus and lets a test wait until a message id has been consumed (acknowledged
/// after the consumer finished) a given number of times: no sleeping, no guessing.
/// </summary>
public sealed class ConsumeWatcher : IConsumeObserver, IDisposable
{
    private readonly ConcurrentDictionary<Guid, int> _consumed = new();
    private readonly ConnectHandle _handle;
    private readonly SemaphoreSlim _changed = new(0);

    public ConsumeWatcher(IBus bus) => _handle = bus.ConnectConsumeObserver(this);

    public async Task WaitForAsync(Guid messageId, int times = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_consumed.GetValueOrDefault(messageId) < times)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                throw new TimeoutException($"Message {messageId} was consumed {_consumed.GetValueOrDefault(messageId)} of {times} times.");
            }
        }
    }

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context)
    {
        if (context.MessageId is { } id)
        {
            _consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
            _changed.Release();
        }

        return Task.CompletedTask;
    }

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;

    public void Dispose()
    {
        _handle.Disconnect();
        _changed.Dispose();
    }
}
