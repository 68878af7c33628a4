namespace Concordat.AppHost.Resources;

/// <summary>
/// RabbitMQ: the broker given by <c>ConnectionStrings__messaging</c>, or the locally installed
/// <c>rabbitmq-server</c> run as a private node (<see cref="RabbitMqNode"/>), with the management
/// API on for vhosts and queue depths.
/// </summary>
internal sealed class RabbitMqServer(string dataDirectory, string? givenConnectionString, string? givenManagementUri, LogSink logs)
    : Resource("rabbitmq")
{
    private RabbitMqNode? _node;

    /// <summary>An <c>amqp://</c> URI for the broker's default virtual host.</summary>
    public Uri ConnectionUri { get; private set; } = null!;

    /// <summary>The management HTTP API (with credentials), or null when the broker has none we know of.</summary>
    public Uri? ManagementUri { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (givenConnectionString is not null)
        {
            ConnectionUri = new Uri(givenConnectionString);
            ManagementUri = givenManagementUri is null ? null : new Uri(givenManagementUri);
            Url = $"{ConnectionUri.Host}:{ConnectionUri.Port}";
            Set(ResourceState.External, "from ConnectionStrings__messaging");
            return;
        }

        Set(ResourceState.Starting);
        _node = new RabbitMqNode(dataDirectory, logs.For(Name));
        ConnectionUri = _node.ConnectionUri;
        ManagementUri = _node.ManagementUri;
        Url = $"amqp://127.0.0.1:{ConnectionUri.Port} (management http://127.0.0.1:{ManagementUri.Port})";
        try
        {
            await _node.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            Set(ResourceState.Failed, exception is TimeoutException ? "did not start in 90 s" : "exited while starting");
            throw;
        }

        Pid = _node.Process!.Pid;
        Set(ResourceState.Running);
        WatchForUnexpectedExit(_node.Process, logs.For(Name));
    }

    /// <summary>Creates <paramref name="virtualHost"/> (the broker's user may use it) and returns the URI to connect to it.</summary>
    public async Task<Uri> EnsureVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var vhostUri = new UriBuilder(ConnectionUri) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri;
        if (ManagementUri is not null)
        {
            using var management = new RabbitMqManagement(ManagementUri);
            await management.EnsureVirtualHostAsync(virtualHost, Uri.UnescapeDataString(ConnectionUri.UserInfo.Split(':')[0]), cancellationToken);
        }

        return vhostUri;
    }

    public override async Task StopAsync()
    {
        if (_node is null)
        {
            return;
        }

        Set(ResourceState.Stopping);
        await _node.StopAsync();
        Set(ResourceState.Stopped);
    }
}
