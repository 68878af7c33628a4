namespace Concordat.ServiceDefaults;

/// <summary>
/// Who this deployment is. Records are named globally by (instance, id), and every integration
/// event says which instance and service produced it, so federated councils' records never collide.
/// Bound from the <c>Concordat</c> configuration section.
/// </summary>
public sealed class InstanceOptions
{
    public const string Section = "Concordat";

    /// <summary>A short, stable name for this council's deployment, e.g. <c>gloucestershire</c>.</summary>
    public string InstanceId { get; set; } = "local";

    /// <summary>The public address of this instance's gateway; event sources are built from it.</summary>
    public Uri BaseUri { get; set; } = new("http://localhost:5080");

    /// <summary>The name of the service this process is (<see cref="ResourceNames"/>).</summary>
    public string ServiceName { get; set; } = "unknown";

    /// <summary>The CloudEvents <c>source</c> of events this service produces.</summary>
    public Uri EventSource => new(BaseUri, ServiceName);
}
