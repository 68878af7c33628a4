namespace Concordat.Subscriptions;

/// <summary>The operator's settings, section <c>Subscriptions</c>.</summary>
public sealed class SubscriptionsOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Whether endpoint URLs may be <c>http</c>; otherwise only <c>https</c>.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Host names (as written in endpoint URLs) whose addresses are not checked, for a partner's system inside the
    /// council's own network, or a receiver on loopback. Exact, case-insensitive.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long an attempt waits for an answer.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts in flight to one endpoint at a time: a slow endpoint queues its own deliveries, no one else's.</summary>
    public int MaxInFlightPerEndpoint { get; set; } = 4;

    /// <summary>Attempts in flight from this replica.</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>How often the dispatcher looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest share of a retry's delay added or taken away at random, so retries do not arrive together.</summary>
    public double Jitter { get; set; } = 0.1;
}
