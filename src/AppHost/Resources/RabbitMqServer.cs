using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Concordat.AppHost.Infrastructure;

namespace Concordat.AppHost.Resources;

/// <summary>
/// RabbitMQ: the broker given by <c>ConnectionStrings__messaging</c>, or the locally installed
/// <c>rabbitmq-server</c> started as a child process: its own node name, Erlang port mapper,
/// loopback-only ports and data folder, with the management API on for vhosts and queue depths.
/// </summary>
internal sealed class RabbitMqServer(string dataDirectory, string? givenConnectionString, string? givenManagementUri, LogSink logs)
    : Resource("rabbitmq")
{
    private const string ServiceUser = "rabbitmq";
    private ChildProcess? _portMapper;
    private ChildProcess? _node;

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

        var server = LocalSystem.FindExecutable("rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server")
            ?? throw new MissingPrerequisiteException(
                "RabbitMQ is not installed: run `sudo apt-get install -y rabbitmq-server`, or set ConnectionStrings__messaging.");
        var epmd = LocalSystem.FindExecutable("epmd", "/usr/lib/erlang/bin/epmd")
            ?? throw new MissingPrerequisiteException("Erlang's epmd is missing: run `sudo apt-get install -y rabbitmq-server`.");

        Set(ResourceState.Starting);
        int amqpPort = LocalSystem.FreePort(), managementPort = LocalSystem.FreePort(),
            distributionPort = LocalSystem.FreePort(), portMapperPort = LocalSystem.FreePort();
        string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

        Directory.CreateDirectory(Path.Combine(dataDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(dataDirectory, "log"));
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "enabled_plugins"), "[rabbitmq_management].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{amqpPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {managementPort}
            """, cancellationToken);
        await LocalSystem.OwnAsync(dataDirectory, ServiceUser);

        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = dataDirectory, // where Erlang keeps this node's cookie
            ["RABBITMQ_NODENAME"] = "concordat@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Text(amqpPort),
            ["RABBITMQ_DIST_PORT"] = Text(distributionPort),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dataDirectory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_PID_FILE"] = Path.Combine(dataDirectory, "pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dataDirectory, "rabbitmq.conf"),
            // Keep Erlang distribution on loopback too, and use our own port mapper, not a shared daemon.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_PORT"] = Text(portMapperPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        };

        var (mapperFile, mapperArguments) = LocalSystem.AsUser(ServiceUser, epmd, ["-port", Text(portMapperPort), "-address", "127.0.0.1"]);
        _portMapper = ChildProcess.Start(mapperFile, mapperArguments, environment, logs.For("epmd"), dataDirectory);

        var (nodeFile, nodeArguments) = LocalSystem.AsUser(ServiceUser, server, []);
        _node = ChildProcess.Start(nodeFile, nodeArguments, environment, logs.For(Name), dataDirectory);
        Pid = _node.Pid;
        ConnectionUri = new Uri($"amqp://guest:guest@127.0.0.1:{amqpPort}/");
        ManagementUri = new Uri($"http://guest:guest@127.0.0.1:{managementPort}/");
        Url = $"amqp://127.0.0.1:{amqpPort} (management http://127.0.0.1:{managementPort})";

        await WaitForManagementAsync(cancellationToken);
        Set(ResourceState.Running);
        WatchForUnexpectedExit(_node, logs.For(Name));
    }

    /// <summary>Creates <paramref name="virtualHost"/> (guest may use it) and returns the URI to connect to it.</summary>
    public async Task<Uri> EnsureVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var vhostUri = new UriBuilder(ConnectionUri) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri;
        if (ManagementUri is null)
        {
            return vhostUri;
        }

        using var http = Management();
        var escaped = Uri.EscapeDataString(virtualHost);
        (await http.PutAsync($"api/vhosts/{escaped}", null, cancellationToken)).EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(ConnectionUri.UserInfo.Split(':')[0]);
        (await http.PutAsJsonAsync($"api/permissions/{escaped}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" }, cancellationToken)).EnsureSuccessStatusCode();
        return vhostUri;
    }

    public override async Task StopAsync()
    {
        if (_node is null)
        {
            return;
        }

        Set(ResourceState.Stopping);
        await _node.StopAsync(ChildProcess.SigTerm, TimeSpan.FromSeconds(30));
        if (_portMapper is not null)
        {
            await _portMapper.StopAsync(ChildProcess.SigTerm, TimeSpan.FromSeconds(5));
        }

        Set(ResourceState.Stopped);
    }

    private HttpClient Management()
    {
        var uri = ManagementUri!;
        var http = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "" }.Uri };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo)));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }

    private async Task WaitForManagementAsync(CancellationToken cancellationToken)
    {
        using var http = Management();
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_node is { HasExited: true })
            {
                Set(ResourceState.Failed, "exited while starting");
                throw new InvalidOperationException("RabbitMQ exited while starting; see its log.");
            }

            try
            {
                using var response = await http.GetAsync("api/overview", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                Set(ResourceState.Failed, "did not start in 90 s");
                throw new InvalidOperationException("RabbitMQ did not start within 90 s; see its log.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
