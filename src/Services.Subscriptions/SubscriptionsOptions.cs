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

    /// <summary>How long the event log and the delivery log are kept, section <c>Subscriptions:Retention</c>.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Partners' AMQP feeds, section <c>Subscriptions:Amqp</c>.</summary>
    public AmqpFeedOptions Amqp { get; set; } = new();
}

/// <summary>The AMQP feeds' exchanges and queues on the platform's broker.</summary>
public sealed class AmqpFeedOptions
{
    /// <summary>The topic exchange every public event is published to, its routing key the CloudEvents type.</summary>
    public string Exchange { get; set; } = "concordat.public";

    /// <summary>The direct exchange that carries events to feeds filtered by body, area or theme, by queue name.</summary>
    public string FilteredExchange { get; set; } = "concordat.public.filtered";

    /// <summary>The address partners connect to (e.g. <c>amqps://rabbitmq.council.example:5671/concordat</c>); the service's own broker address, less its credentials, when not set.</summary>
    public Uri? PartnerAddress { get; set; }

    /// <summary>The most messages a partner's queue holds; beyond it the oldest are dropped, so a partner that stops reading cannot fill the broker.</summary>
    public int QueueMaxLength { get; set; } = 100_000;
}

/// <summary>How long the event log and the delivery log are kept.</summary>
public sealed class RetentionOptions
{
    /// <summary>Days an event, its deliveries and their attempts are kept (<c>Subscriptions:Retention:Days</c>); older ones are purged daily. Replay reaches back this far.</summary>
    public int Days { get; set; } = 30;
}
