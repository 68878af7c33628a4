using Concordat.Subscriptions.FanOut;

namespace Concordat.Subscriptions.Endpoints;

/// <summary>What a webhook endpoint or an AMQP feed subscribes to.</summary>
public interface ISubscriptionFilter
{
    List<string> EventTypes { get; }

    List<Guid> BodyIds { get; }

    List<Guid> AreaIds { get; }

    List<string> Themes { get; }
}

/// <summary>Which events an endpoint receives: its types (exact or by service), then its bodies, areas and themes if it names any.</summary>
public static class EventFilter
{
    public static bool Matches(ISubscriptionFilter endpoint, PublicEvent heard) =>
        endpoint.EventTypes.Any(t => TypeMatches(t, heard.Type))
        && (endpoint.BodyIds.Count == 0 || endpoint.BodyIds.Intersect(heard.BodyIds).Any())
        && (endpoint.AreaIds.Count == 0 || endpoint.AreaIds.Intersect(heard.AreaIds).Any())
        && (endpoint.Themes.Count == 0 || endpoint.Themes.Intersect(heard.Themes, StringComparer.OrdinalIgnoreCase).Any());

    public static bool TypeMatches(string subscribed, string type) =>
        subscribed.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(subscribed[..^1], StringComparison.Ordinal)
            : string.Equals(subscribed, type, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="subscribed"/> names a public event type or a service's wildcard.</summary>
    public static bool IsKnown(string subscribed) => PublicEvents.TypeNames.Contains(subscribed) || PublicEvents.Wildcards.Contains(subscribed);
}
