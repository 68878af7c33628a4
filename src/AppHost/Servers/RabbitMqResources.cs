using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.AppHost.Servers;

/// <summary>
/// The installed Debian RabbitMQ run by the orchestrator as an executable: a private node on loopback ports with
/// its data in the app host's data folder (see <see cref="RabbitMqNode"/>), the management API on, and the
/// platform's virtual host made when it is ready. Its connection string names that virtual host.
/// </summary>
public sealed class LocalRabbitMqResource(string name, RabbitMqNode node, string virtualHost, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public RabbitMqNode Node { get; } = node;

    public string VirtualHost { get; } = virtualHost;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Node.AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(VirtualHost)}");
}

/// <summary>A broker the app host is given by <c>ConnectionStrings__messaging</c>, used as it is (its virtual host included).</summary>
public sealed class ExistingBrokerResource(string name, Uri broker) : Resource(name), IResourceWithConnectionString
{
    public Uri Broker { get; } = broker;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Broker.ToString()}");
}

/// <summary>Hosting extensions for RabbitMQ as the installed server or a given one.</summary>
public static class RabbitMqResourceExtensions
{
    /// <summary>
    /// Adds the installed RabbitMQ as an executable resource named <paramref name="name"/>, with its own Erlang port
    /// mapper as a child resource (so no shared daemon is started, or left behind), keeping its data in
    /// <paramref name="dataDirectory"/>. The node's configuration is written as it starts; <paramref name="virtualHost"/>
    /// is created when it is ready.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, string virtualHost)
    {
        Directory.CreateDirectory(dataDirectory);
        var node = new RabbitMqNode(dataDirectory, _ => { });
        var environment = node.ProcessEnvironment();

        var (mapperCommand, mapperArguments) = node.PortMapperCommand();
        var portMapper = builder.AddExecutable($"{name}-epmd", mapperCommand, dataDirectory, [.. mapperArguments])
            .WithEnvironment(context => Copy(environment, context))
            .WithIconName("PlugConnected")
            .ExcludeFromManifest();
        var mapperCheck = $"{name}-epmd_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            mapperCheck, _ => new TcpHealthCheck("127.0.0.1", int.Parse(environment["ERL_EPMD_PORT"]!, System.Globalization.CultureInfo.InvariantCulture)), null, null));
        portMapper.WithHealthCheck(mapperCheck);

        var (command, arguments) = RabbitMqNode.ServerCommand();
        var rabbit = builder.AddResource(new LocalRabbitMqResource(name, node, virtualHost, command, dataDirectory))
            .WithArgs([.. arguments])
            .WithEnvironment(context => Copy(environment, context))
            .WithEndpoint(name: "amqp", scheme: "amqp", port: node.AmqpPort, targetPort: node.AmqpPort, isProxied: false)
            .WithHttpEndpoint(name: "management", port: node.ManagementPort, targetPort: node.ManagementPort, isProxied: false)
            .WithIconName("Mailbox")
            .WaitFor(portMapper)
            .OnBeforeResourceStarted((resource, _, cancellationToken) => resource.Node.PrepareAsync(cancellationToken))
            .OnResourceReady(async (resource, _, cancellationToken) =>
            {
                using var management = new RabbitMqManagement(resource.Node.ManagementUri);
                await management.EnsureVirtualHostAsync(resource.VirtualHost, "guest", cancellationToken);
            })
            .ExcludeFromManifest();
        portMapper.WithParentRelationship(rabbit);

        // One client for the app host's life: the check runs every few seconds, and each new client would open a new connection.
        var management = new RabbitMqManagement(node.ManagementUri);
        var check = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new RabbitMqManagementHealthCheck(management), null, null));
        return rabbit.WithHealthCheck(check);
    }

    /// <summary>Adds a broker the app host is given by connection string.</summary>
    public static IResourceBuilder<ExistingBrokerResource> AddExistingRabbitMq(
        this IDistributedApplicationBuilder builder, string name, Uri broker)
    {
        var check = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            check, _ => new TcpHealthCheck(broker.Host, broker.IsDefaultPort ? 5672 : broker.Port), null, null));
        return builder.AddResource(new ExistingBrokerResource(name, broker))
            .WithIconName("Mailbox")
            .MarkedRunning()
            .WithHealthCheck(check)
            .ExcludeFromManifest();
    }

    private static void Copy(Dictionary<string, string?> environment, EnvironmentCallbackContext context)
    {
        foreach (var (key, value) in environment)
        {
            context.EnvironmentVariables[key] = value ?? "";
        }
    }
}

/// <summary>Healthy while the management API answers, which RabbitMQ serves only once it has booted.</summary>
internal sealed class RabbitMqManagementHealthCheck(RabbitMqManagement management) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return await management.IsUpAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The management API does not answer yet.");
    }
}

/// <summary>Healthy while a TCP connection to the address opens.</summary>
internal sealed class TcpHealthCheck(string host, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException refused)
        {
            return HealthCheckResult.Unhealthy($"{host}:{port} refuses connections ({refused.SocketErrorCode}).");
        }
    }
}
