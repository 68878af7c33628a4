namespace Concordat.ServiceDefaults;

/// <summary>
/// A value that holds for the rest of the current async flow (a request, a consumer, a seeding run) until the scope
/// <see cref="Use"/> returns is disposed, when the value before it returns: scopes nest, and flows do not see each other's.
/// </summary>
public sealed class AmbientValue<T>
    where T : class
{
    private readonly AsyncLocal<T?> _current = new();

    /// <summary>The value set around this flow, if any.</summary>
    public T? Current => _current.Value;

    /// <summary>Sets <paramref name="value"/> for this flow until the result is disposed.</summary>
    public IDisposable Use(T value)
    {
        var previous = _current.Value;
        _current.Value = value;
        return new Restore(_current, previous);
    }

    private sealed class Restore(AsyncLocal<T?> current, T? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
