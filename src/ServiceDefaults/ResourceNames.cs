namespace Concordat.ServiceDefaults;

/// <summary>
/// Names of resources shared by the app host and the services: connection string names
/// (<c>ConnectionStrings__&lt;name&gt;</c>) and service names (<c>services__&lt;name&gt;__http__0</c>).
/// Lower case, as Aspire writes them; the Kubernetes manifests use the same names (a test compares them).
/// </summary>
public static class ResourceNames
{
    /// <summary>The RabbitMQ broker (an <c>amqp://</c> URI).</summary>
    public const string Messaging = "messaging";

    /// <summary>The broker's management HTTP API with an administrator's credentials (an <c>http://</c> URI), for the subscriptions service to provision partners' AMQP feeds.</summary>
    public const string MessagingManagement = "messaging-management";

    public const string RegistryDatabase = "registrydb";
    public const string CycleDatabase = "cycledb";
    public const string ScrutinyDatabase = "scrutinydb";
    public const string SubscriptionsDatabase = "subscriptionsdb";

    public const string Registry = "registry";
    public const string Cycle = "cycle";
    public const string Scrutiny = "scrutiny";
    public const string Subscriptions = "subscriptions";
    public const string Gateway = "gateway";

    /// <summary>The web application: the pages people use, behind the gateway at its root. Not a service: it owns no data.</summary>
    public const string Web = "web";

    /// <summary>
    /// Development only: the OpenID Connect provider in front of the development issuer's key, with the sign-in page
    /// that lists the demo people (src/DevIssuer). Never deployed, so no manifest names it.
    /// </summary>
    public const string DevIssuer = "dev-issuer";

    /// <summary>Each service's own database.</summary>
    public static readonly IReadOnlyList<string> Databases = [RegistryDatabase, CycleDatabase, ScrutinyDatabase, SubscriptionsDatabase];

    /// <summary>The services behind the gateway.</summary>
    public static readonly IReadOnlyList<string> Services = [Registry, Cycle, Scrutiny, Subscriptions];
}
