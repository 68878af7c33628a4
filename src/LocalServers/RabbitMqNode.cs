using System.Globalization;

namespace Concordat.LocalServers;

/// <summary>
/// The locally installed <c>rabbitmq-server</c> run as a private node: its own node name, Erlang port
/// mapper, loopback-only ports chosen once (so a restart comes back at the same address), data folder,
/// and the management API on. It can be stopped politely, or killed with SIGKILL and started again on
/// the same data, as a crash and recovery would.
/// </summary>
public sealed class RabbitMqNode
{
    private const string ServiceUser = "rabbitmq";
    private readonly string _dataDirectory;
    private readonly Action<string> _log;
    private readonly int _amqpPort = LocalSystem.FreePort();
    private readonly int _managementPort = LocalSystem.FreePort();
    private readonly int _distributionPort = LocalSystem.FreePort();
    private readonly int _portMapperPort = LocalSystem.FreePort();
    private ChildProcess? _portMapper;

    /// <param name="dataDirectory">Where the node keeps its configuration, messages and logs.</param>
    /// <param name="log">Receives each line the node and its port mapper print.</param>
    public RabbitMqNode(string dataDirectory, Action<string> log)
    {
        _dataDirectory = dataDirectory;
        _log = log;
        ConnectionUri = new Uri($"amqp://guest:guest@127.0.0.1:{_amqpPort}/");
        ManagementUri = new Uri($"http://guest:guest@127.0.0.1:{_managementPort}/");
    }

    /// <summary>An <c>amqp://</c> URI for the node's default virtual host.</summary>
    public Uri ConnectionUri { get; }

    /// <summary>The management HTTP API, with credentials.</summary>
    public Uri ManagementUri { get; }

    /// <summary>The AMQP port on loopback.</summary>
    public int AmqpPort => _amqpPort;

    /// <summary>The management API's port on loopback.</summary>
    public int ManagementPort => _managementPort;

    /// <summary>The running node's process, or null before the first start.</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Starts the node (again, after a stop or a kill) and waits until its management API answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await PrepareAsync(cancellationToken);
        var environment = ProcessEnvironment();
        if (_portMapper is null || _portMapper.HasExited)
        {
            var (mapperFile, mapperArguments) = PortMapperCommand();
            _portMapper = ChildProcess.Start(mapperFile, mapperArguments, environment, _log, _dataDirectory);
        }

        var (nodeFile, nodeArguments) = ServerCommand();
        Process = ChildProcess.Start(nodeFile, nodeArguments, environment, _log, _dataDirectory);
        await WaitForManagementAsync(Process, cancellationToken);
    }

    /// <summary>
    /// The Erlang port mapper of this node alone, on its own loopback port, run in the foreground. Started
    /// before the node, so the node does not start (and leave behind) a shared daemon of its own.
    /// </summary>
    public (string FileName, List<string> Arguments) PortMapperCommand()
    {
        var epmd = LocalSystem.FindExecutable("epmd", "/usr/lib/erlang/bin/epmd")
            ?? throw new MissingPrerequisiteException("Erlang's epmd is missing: run `sudo apt-get install -y rabbitmq-server`.");
        return LocalSystem.AsUser(ServiceUser, epmd, ["-port", Text(_portMapperPort), "-address", "127.0.0.1"]);
    }

    /// <summary>The command line that runs the node in the foreground, with <see cref="ProcessEnvironment"/>.</summary>
    public static (string FileName, List<string> Arguments) ServerCommand()
    {
        var server = LocalSystem.FindExecutable("rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server")
            ?? throw new MissingPrerequisiteException(
                "RabbitMQ is not installed: run `sudo apt-get install -y rabbitmq-server`, or set ConnectionStrings__messaging.");
        return LocalSystem.AsUser(ServiceUser, server, []);
    }

    /// <summary>Writes the node's configuration (loopback ports, management plugin) and gives its folder to the <c>rabbitmq</c> user.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_dataDirectory, "log"));
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "enabled_plugins"), "[rabbitmq_management].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{_amqpPort}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {_managementPort}
            """, cancellationToken);
        await LocalSystem.OwnAsync(_dataDirectory, ServiceUser);
    }

    /// <summary>Kills the node with SIGKILL: no shutdown, no flush, connections cut mid-stream.</summary>
    public async Task KillAsync()
    {
        if (Process is { HasExited: false } node)
        {
            node.Kill();
            await node.Exited;
        }
    }

    /// <summary>Stops the node (SIGTERM, killed after 30 s) and its port mapper.</summary>
    public async Task StopAsync()
    {
        if (Process is not null)
        {
            await Process.StopAsync(ChildProcess.SigTerm, TimeSpan.FromSeconds(30));
        }

        if (_portMapper is not null)
        {
            await _portMapper.StopAsync(ChildProcess.SigTerm, TimeSpan.FromSeconds(5));
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The environment the node and its port mapper run with: this node's name, ports and folders.</summary>
    public Dictionary<string, string?> ProcessEnvironment() => new()
    {
        ["HOME"] = _dataDirectory, // where Erlang keeps this node's cookie
        ["RABBITMQ_NODENAME"] = "concordat@localhost",
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Text(_amqpPort),
        ["RABBITMQ_DIST_PORT"] = Text(_distributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dataDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_dataDirectory, "log"),
        ["RABBITMQ_LOGS"] = "-",
        ["RABBITMQ_PID_FILE"] = Path.Combine(_dataDirectory, "pid"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dataDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_dataDirectory, "rabbitmq.conf"),
        // Keep Erlang distribution on loopback too, and use our own port mapper, not a shared daemon.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["ERL_EPMD_PORT"] = Text(_portMapperPort),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
    };

    private async Task WaitForManagementAsync(ChildProcess node, CancellationToken cancellationToken)
    {
        using var management = new RabbitMqManagement(ManagementUri);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await management.IsUpAsync(cancellationToken))
        {
            if (node.HasExited)
            {
                throw new InvalidOperationException("RabbitMQ exited while starting; see its log.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("RabbitMQ did not start within 90 s; see its log.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
