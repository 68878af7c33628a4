using Npgsql;

namespace Concordat.AppHost.Resources;

/// <summary>
/// PostgreSQL: the server given by <c>ConnectionStrings__postgres</c>, or the locally installed one
/// started as a child process on a private loopback port with its data under the launcher's folder.
/// </summary>
internal sealed class PostgresServer(string dataDirectory, string? givenConnectionString, bool ephemeral, LogSink logs)
    : Resource("postgres")
{
    private const string ServiceUser = "postgres";
    private const string SuperUser = "concordat";
    private ChildProcess? _process;

    /// <summary>A connection string to the server (no database), for creating databases.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (givenConnectionString is not null)
        {
            AdminConnectionString = givenConnectionString;
            var given = new NpgsqlConnectionStringBuilder(givenConnectionString);
            Url = $"{given.Host}:{given.Port}";
            await WaitUntilAcceptingAsync(cancellationToken);
            Set(ResourceState.External, "from ConnectionStrings__postgres");
            return;
        }

        var postgres = LocalSystem.FindExecutable("postgres", "/usr/lib/postgresql/*/bin/postgres")
            ?? throw new MissingPrerequisiteException(
                "PostgreSQL is not installed: run `sudo apt-get install -y postgresql`, or set ConnectionStrings__postgres.");
        var initdb = Path.Combine(Path.GetDirectoryName(postgres)!, "initdb");

        Set(ResourceState.Starting);
        var data = Path.Combine(dataDirectory, "data");
        Directory.CreateDirectory(dataDirectory);
        await LocalSystem.OwnAsync(dataDirectory, ServiceUser);
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            var (file, arguments) = LocalSystem.AsUser(ServiceUser, initdb,
                ["-D", data, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8"]);
            var (code, output) = await ChildProcess.RunAsync(file, arguments, cancellationToken: cancellationToken);
            if (code != 0)
            {
                Set(ResourceState.Failed, "initdb failed");
                throw new InvalidOperationException($"initdb failed ({code}):\n{output}");
            }
        }

        var port = LocalSystem.FreePort();
        List<string> settings = ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dataDirectory, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"];
        if (ephemeral)
        {
            // Test servers trade durability for speed: their data is thrown away anyway.
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (serverFile, serverArguments) = LocalSystem.AsUser(ServiceUser, postgres, settings);
        _process = ChildProcess.Start(serverFile, serverArguments, new Dictionary<string, string?>(), logs.For(Name));
        Pid = _process.Pid;
        Url = $"127.0.0.1:{port}";
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username={SuperUser};Database=postgres";
        await WaitUntilAcceptingAsync(cancellationToken);
        Set(ResourceState.Running);
        WatchForUnexpectedExit(_process, logs.For(Name));
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist; returns its connection string.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;
    }

    public override async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_process is null)
        {
            return;
        }

        Set(ResourceState.Stopping);
        // SIGINT is PostgreSQL's fast shutdown: it ends sessions, then checkpoints and exits cleanly.
        await _process.StopAsync(ChildProcess.SigInt, TimeSpan.FromSeconds(20));
        Set(ResourceState.Stopped);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process is { HasExited: true })
            {
                Set(ResourceState.Failed, "exited while starting");
                throw new InvalidOperationException("PostgreSQL exited while starting; see its log.");
            }

            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
