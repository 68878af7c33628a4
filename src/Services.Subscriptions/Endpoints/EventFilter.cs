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

    /// <summary>
    /// Narrows <paramref name="endpoints"/> in the database to those that can match <paramref name="heard"/>: subscribed to
    /// its type or its service's wildcard, and naming none or one of its bodies, and none or one of its areas (array
    /// overlaps, which the GIN indexes answer). Themes, compared without case, are left to <see cref="Matches"/>, which
    /// the caller still applies: this only spares loading every endpoint for every event.
    /// </summary>
    public static IQueryable<T> Candidates<T>(IQueryable<T> endpoints, PublicEvent heard)
        where T : class, ISubscriptionFilter
    {
        string[] types = [heard.Type, ServiceWildcard(heard.Type)];
        var bodies = heard.BodyIds.ToArray();
        var areas = heard.AreaIds.ToArray();
        return endpoints.Where(e => e.EventTypes.Any(t => types.Contains(t))
            && (e.BodyIds.Count == 0 || e.BodyIds.Any(b => bodies.Contains(b)))
            && (e.AreaIds.Count == 0 || e.AreaIds.Any(a => areas.Contains(a))));
    }

    /// <summary>The wildcard of <paramref name="type"/>'s service, as <see cref="PublicEvents.Wildcards"/> spells it.</summary>
    public static string ServiceWildcard(string type) => string.Join('.', type.Split('.').Take(3)) + ".*";

    public static bool TypeMatches(string subscribed, string type) =>
        subscribed.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(subscribed[..^1], StringComparison.Ordinal)
            : string.Equals(subscribed, type, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="subscribed"/> names a public event type or a service's wildcard.</summary>
    public static bool IsKnown(string subscribed) => PublicEvents.TypeNames.Contains(subscribed) || PublicEvents.Wildcards.Contains(subscribed);
}
