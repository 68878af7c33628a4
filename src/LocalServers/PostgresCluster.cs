using System.Globalization;
using Npgsql;

namespace Concordat.LocalServers;

/// <summary>
/// The locally installed PostgreSQL as a private cluster: its own data folder (made by <c>initdb</c> on first
/// use), a loopback port chosen once, and the socket in the data folder, so it never meets a system server.
/// The Aspire app host runs <see cref="ServerCommand"/> as an executable resource; the test runner
/// (<c>concordat test</c>) starts it as a child process with <see cref="StartAsync"/>.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>The cluster's superuser, trusted on loopback (no password: the port is private and local).</summary>
    public const string SuperUser = "concordat";

    private const string ServiceUser = "postgres";
    private readonly string _dataDirectory;
    private readonly bool _ephemeral;

    /// <param name="dataDirectory">Where the cluster keeps its data (<c>data/</c>) and socket.</param>
    /// <param name="ephemeral">Trade durability for speed (no fsync): for throwaway test servers.</param>
    /// <param name="port">The loopback port; a free one when not given.</param>
    public PostgresCluster(string dataDirectory, bool ephemeral, int? port = null)
    {
        _dataDirectory = dataDirectory;
        _ephemeral = ephemeral;
        Port = port ?? LocalSystem.FreePort();
    }

    public int Port { get; }

    /// <summary>A connection string to the cluster's <c>postgres</c> database, for creating databases.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Database=postgres";

    /// <summary>The <c>postgres</c> server program, or an explanation of how to install it.</summary>
    public static string ServerProgram() =>
        LocalSystem.FindExecutable("postgres", "/usr/lib/postgresql/*/bin/postgres")
        ?? throw new MissingPrerequisiteException(
            "PostgreSQL is not installed: run `sudo apt-get install -y postgresql`, or set ConnectionStrings__postgres.");

    /// <summary>Creates the data folder (owned by the <c>postgres</c> user when we are root) and runs <c>initdb</c> once.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken = default)
    {
        var initdb = Path.Combine(Path.GetDirectoryName(ServerProgram())!, "initdb");
        var data = Path.Combine(_dataDirectory, "data");
        Directory.CreateDirectory(_dataDirectory);
        await LocalSystem.OwnAsync(_dataDirectory, ServiceUser);
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            return;
        }

        var (file, arguments) = LocalSystem.AsUser(ServiceUser, initdb,
            ["-D", data, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8"]);
        var (code, output) = await ChildProcess.RunAsync(file, arguments, cancellationToken: cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"initdb failed ({code}):\n{output}");
        }
    }

    /// <summary>The command line that runs the server in the foreground (as the <c>postgres</c> user when we are root).</summary>
    public (string FileName, List<string> Arguments) ServerCommand()
    {
        List<string> settings =
        [
            "-D", Path.Combine(_dataDirectory, "data"), "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _dataDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
        ];
        if (_ephemeral)
        {
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return LocalSystem.AsUser(ServiceUser, ServerProgram(), settings);
    }

    /// <summary>Initialises if needed, starts the server as a child process and waits until it accepts connections.</summary>
    public async Task<ChildProcess> StartAsync(Action<string> log, CancellationToken cancellationToken = default)
    {
        await InitialiseAsync(cancellationToken);
        var (file, arguments) = ServerCommand();
        var process = ChildProcess.Start(file, arguments, new Dictionary<string, string?>(), log);
        await WaitUntilAcceptingAsync(AdminConnectionString, TimeSpan.FromSeconds(60), process, cancellationToken);
        return process;
    }

    /// <summary>True when a connection with <paramref name="connectionString"/> opens now.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits until the server takes connections; fails at once if <paramref name="process"/> ends.</summary>
    public static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, ChildProcess? process = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AcceptsConnectionsAsync(connectionString, cancellationToken))
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException("PostgreSQL exited while starting; see its log.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist; returns its connection string.</summary>
    public static async Task<string> EnsureDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exists42P04) when (exists42P04.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Made by someone else since we looked.
            }
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
    }
}
