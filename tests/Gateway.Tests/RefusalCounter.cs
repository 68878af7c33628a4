using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Concordat.Gateway.Tests;

/// <summary>
/// Listens to <c>concordat.gateway.rate_limited</c> on one gateway's meter (its <see cref="IMeterFactory"/> is the
/// meter's scope, so gateways hosted by other test classes at the same time are not counted).
/// </summary>
public sealed class RefusalCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byKind = new();
    private readonly ConcurrentBag<string> _tagNames = [];

    public RefusalCounter(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Meter.Scope == scope && instrument.Name == GatewayMetrics.RateLimitedName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                _tagNames.Add(tag.Key);
            }

            foreach (var tag in tags)
            {
                if (tag.Key == GatewayMetrics.ClientKindTag)
                {
                    _byKind.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long Of(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>Every tag name any refusal carried.</summary>
    public IReadOnlySet<string> TagNames => _tagNames.ToHashSet();

    public void Dispose() => _listener.Dispose();
}
