using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concordat.AppHost.Servers;

/// <summary>A PostgreSQL server the app host creates service databases on, whether it runs it or is given it.</summary>
public interface IPostgresServerResource : IResourceWithConnectionString
{
    /// <summary>The databases to create on the server once it is ready.</summary>
    IList<ServiceDatabaseResource> Databases { get; }
}

/// <summary>
/// The installed Debian PostgreSQL run by the orchestrator as an executable: a private cluster on a loopback
/// port with its data in the app host's data folder (see <see cref="PostgresCluster"/>).
/// </summary>
public sealed class LocalPostgresResource(string name, PostgresCluster cluster, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IPostgresServerResource
{
    public PostgresCluster Cluster { get; } = cluster;

    public IList<ServiceDatabaseResource> Databases { get; } = [];

    /// <summary>The cluster's superuser on its loopback port, no database named (each service gets its own).</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username={PostgresCluster.SuperUser}");
}

/// <summary>A server the app host is given (<c>ConnectionStrings__postgres</c> or <c>ConnectionStrings__messaging</c>) rather than runs.</summary>
public sealed class ExistingServerResource(string name, string connectionString) : Resource(name), IPostgresServerResource
{
    public string ConnectionString { get; } = connectionString;

    public IList<ServiceDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}

/// <summary>
/// One service's database on a <see cref="IPostgresServerResource"/>, created when the server is ready. Its
/// resource name is the connection-string name the service reads (<c>registrydb</c>); the database's own name
/// may carry a prefix (each end-to-end run has its own databases on one server).
/// </summary>
public sealed class ServiceDatabaseResource(string name, string databaseName, IPostgresServerResource server)
    : Resource(name), IResourceWithParent<IPostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public IPostgresServerResource Parent { get; } = server;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

/// <summary>
/// Healthy while a connection with the resource's connection string opens. A server's string names no database,
/// and Npgsql would then ask for one named after the user, so the server is asked through <c>postgres</c>.
/// </summary>
internal sealed class PostgresHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
        if (connectionString is not null && resource is IPostgresServerResource)
        {
            connectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString;
        }

        return connectionString is not null && await PostgresCluster.AcceptsConnectionsAsync(connectionString, cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("PostgreSQL does not accept connections.");
    }
}

/// <summary>Hosting extensions for PostgreSQL as the installed server or a given one.</summary>
public static class PostgresResourceExtensions
{
    /// <summary>
    /// Adds the installed PostgreSQL as an executable resource named <paramref name="name"/>, keeping its data in
    /// <paramref name="dataDirectory"/>. <c>initdb</c> runs (once) as the resource starts; service databases are
    /// created when it is ready.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var cluster = new PostgresCluster(dataDirectory, ephemeral: false);
        var (command, arguments) = cluster.ServerCommand();
        var resource = new LocalPostgresResource(name, cluster, command, dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        return builder.AddResource(resource)
            .WithArgs([.. arguments])
            .WithEndpoint(name: "tcp", scheme: "tcp", port: cluster.Port, targetPort: cluster.Port, isProxied: false)
            .WithIconName("DatabaseMultiple")
            .OnBeforeResourceStarted((postgres, _, cancellationToken) => postgres.Cluster.InitialiseAsync(cancellationToken))
            .WithServerHealthCheck(builder)
            .CreatesDatabasesWhenReady()
            .DatabasesFollowItsState()
            .ExcludeFromManifest();
    }

    /// <summary>Adds a PostgreSQL server the app host is given by connection string; it creates the service databases on it.</summary>
    public static IResourceBuilder<ExistingServerResource> AddExistingPostgres(
        this IDistributedApplicationBuilder builder, string name, string connectionString) =>
        builder.AddResource(new ExistingServerResource(name, connectionString))
            .WithIconName("DatabaseMultiple")
            .MarkedRunning()
            .WithServerHealthCheck(builder)
            .CreatesDatabasesWhenReady()
            .DatabasesFollowItsState()
            .ExcludeFromManifest();

    /// <summary>Adds a service database, <paramref name="databaseName"/> on the server, named <paramref name="name"/> in the model.</summary>
    public static IResourceBuilder<ServiceDatabaseResource> AddServiceDatabase<T>(
        this IResourceBuilder<T> server, string name, string databaseName)
        where T : IPostgresServerResource
    {
        var database = new ServiceDatabaseResource(name, databaseName, server.Resource);
        server.Resource.Databases.Add(database);
        var check = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new PostgresHealthCheck(database), null, null));
        return server.ApplicationBuilder.AddResource(database).WithIconName("Database").WithHealthCheck(check);
    }

    private static IResourceBuilder<T> WithServerHealthCheck<T>(this IResourceBuilder<T> server, IDistributedApplicationBuilder builder)
        where T : IPostgresServerResource
    {
        var check = $"{server.Resource.Name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new PostgresHealthCheck(server.Resource), null, null));
        return server.WithHealthCheck(check);
    }

    private static IResourceBuilder<T> CreatesDatabasesWhenReady<T>(this IResourceBuilder<T> server)
        where T : IPostgresServerResource =>
        server.OnResourceReady(async (postgres, _, cancellationToken) =>
        {
            var admin = await postgres.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{postgres.Name} has no connection string.");
            var withAdminDatabase = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ConnectionString;
            foreach (var database in postgres.Databases)
            {
                await PostgresCluster.EnsureDatabaseAsync(withAdminDatabase, database.DatabaseName, cancellationToken);
            }
        });

    /// <summary>
    /// A given server has no process for the orchestrator to watch: it is running as soon as the app host starts,
    /// and its health check says whether it answers.
    /// </summary>
    internal static IResourceBuilder<T> MarkedRunning<T>(this IResourceBuilder<T> server)
        where T : IResource =>
        server.OnInitializeResource((resource, initialise, _) => initialise.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
        }));

    /// <summary>
    /// The orchestrator passes a container's state on to its child resources but not an executable's, so the
    /// databases would stay without a state, and whatever waits for one would wait for ever: they take the
    /// server's state as it changes (their own health checks then say whether each database answers).
    /// </summary>
    private static IResourceBuilder<T> DatabasesFollowItsState<T>(this IResourceBuilder<T> server)
        where T : IPostgresServerResource
    {
        server.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((start, beforeStart) =>
        {
            var notifications = start.Services.GetRequiredService<ResourceNotificationService>();
            var stopping = start.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var change in notifications.WatchAsync(stopping))
                    {
                        if (ReferenceEquals(change.Resource, server.Resource))
                        {
                            foreach (var database in server.Resource.Databases)
                            {
                                await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                                {
                                    State = change.Snapshot.State,
                                    StartTimeStamp = change.Snapshot.StartTimeStamp,
                                    StopTimeStamp = change.Snapshot.StopTimeStamp,
                                });
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The app host is stopping.
                }
            }, beforeStart);
            return Task.CompletedTask;
        });
        return server;
    }
}
