using Concordat.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging;

/// <summary>Registers a service's database (with its outbox), the relay that publishes the outbox, and MassTransit on RabbitMQ.</summary>
public static class MessagingExtensions
{
    /// <summary>The header the relay puts the event's subject (the record it is about) in, for the consumers' partitioner.</summary>
    public const string SubjectHeader = "Concordat-Subject";

    /// <summary>
    /// Messages a consumer applies at once (<c>Messaging:ConcurrentMessageLimit</c>), now stated rather than left to
    /// MassTransit's default (as many as the prefetch, 16). A message spends most of its time waiting for PostgreSQL —
    /// round trips and, above all, its commit's flush to disk — not on the CPU; with 16 in flight the commits of
    /// concurrent messages share one flush (PostgreSQL's group commit: 16 concurrent one-row commits reach about
    /// 2,700/s on the 2-core bench machine against about 700/s one at a time). More would add connections and
    /// memory, not throughput, on that machine, which is CPU-bound by then. Each message holds a pooled connection
    /// only while it applies, well within Npgsql's pool of 100.
    /// </summary>
    public const int DefaultConcurrentMessageLimit = 16;

    /// <summary>
    /// Messages the broker may hand a consumer before it acknowledges (<c>Messaging:PrefetchCount</c>): twice the
    /// concurrency (MassTransit's default would be equal to it), so a slot that frees finds the next message already
    /// delivered rather than waiting a round trip, and a partition that is busy with one record does not hold up the rest.
    /// More only moves messages from the queue into the process, where a crash sends them back anyway.
    /// </summary>
    public const int DefaultPrefetchCount = 32;

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on PostgreSQL from connection string
    /// <paramref name="connectionName"/>, with the outbox interceptor, every EF Core interceptor registered in the
    /// container (the audit trail's, say), a readiness check and migrations applied at start (unless
    /// <c>Database:MigrateOnStartup</c> is false). It starts nothing that needs a broker: a service that publishes
    /// adds <see cref="AddOutboxRelay{TDbContext}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured (ConnectionStrings__{connectionName}).");
        // The services set no session state, so a pooled connection need not be reset (DISCARD ALL) on every reuse:
        // that was one extra round trip per unit of work. A connection string may still say otherwise.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            connection.NoResetOnClose = true;
        }

        connectionString = connection.ConnectionString;

        // Commands are traced only inside a trace (a request, a consumed message, a relayed event). The relay and the
        // monitors poll the database every second from the background; as root spans those would bury the traces
        // people look for in the dashboard under a new one per poll.
        // Made by the container (not handed to it) so that it is disposed with it, closing its connections.
        builder.Services.AddSingleton(_ => new Npgsql.NpgsqlDataSourceBuilder(connectionString)
            .ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null))
            .Build());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxInterceptor>();
        // The outbox's interceptor first, then those other parts of the service registered (the audit trail's).
        // Pooled: a request, a consumed message and a relay pass each take a context from the pool rather than building
        // one with its internal services, which was a large share of the CPU and allocations an event cost
        // (bench/README.md, issue 16). The services' contexts keep no state of their own, and EF Core resets a context's
        // (change tracker, transaction settings) as it returns to the pool; the interceptors are singletons.
        builder.Services.AddDbContextPool<TDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<Npgsql.NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors([services.GetRequiredService<OutboxInterceptor>(), .. services.GetServices<IInterceptor>()]));

        // After ServiceDefaults' handler for unreadable requests: what the database refuses is answered as a problem too.
        builder.Services.AddExceptionHandler<DatabaseRefusals>();
        builder.Services.AddOptions<ConstraintRules>();
        builder.Services.AddSingleton<MessagingTelemetry>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TDbContext>(connectionName, tags: [Extensions.ReadyTag]);

        if (builder.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            // Registered before the bus, so the schema exists before the first message is consumed.
            builder.Services.AddHostedService<DatabaseMigrator<TDbContext>>();
        }

        return builder;
    }

    /// <summary>
    /// Starts the relay that publishes the outbox of <typeparamref name="TDbContext"/> (registered by
    /// <see cref="AddServiceDatabase{TDbContext}"/>) to the bus (<see cref="AddServiceMessaging"/>), and removes
    /// old outbox and inbox rows; adds the ready check that reports events waiting too long.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxRelay<TDbContext>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext
    {
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", tags: [Extensions.ReadyTag]);
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// Adds MassTransit on the RabbitMQ broker named <see cref="ResourceNames.Messaging"/>, one durable
    /// queue per consumer named <c>{service}-{event}</c>, retries with backoff and then the error queue.
    /// Set <c>Messaging:QuorumQueues</c> on a clustered broker.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.Messaging)
            ?? throw new InvalidOperationException($"Connection string '{ResourceNames.Messaging}' is not configured (ConnectionStrings__{ResourceNames.Messaging}).");
        var broker = new Uri(connectionString);
        var quorumQueues = builder.Configuration.GetValue("Messaging:QuorumQueues", false);
        var concurrency = Math.Max(1, builder.Configuration.GetValue("Messaging:ConcurrentMessageLimit", DefaultConcurrentMessageLimit));
        var prefetch = Math.Max(concurrency, builder.Configuration.GetValue("Messaging:PrefetchCount", DefaultPrefetchCount));

        var formatter = new ServiceEndpointNameFormatter(serviceName);
        builder.Services.AddSingleton(services => new BrokerReconnector(broker, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BrokerReconnector>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<BrokerReconnector>());
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<BrokerReconnector>());
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(formatter);
            consumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                endpoint.ConcurrentMessageLimit = concurrency;
                // Concurrent across records, one at a time within a record: messages with the same subject go to the
                // same partition, which applies them in the order they were delivered (the relay publishes one
                // record's events in commit order). Before the retry, so a retried message keeps its record's turn.
                endpoint.UsePartitioner<ConsumeContext>(concurrency, SubjectOf, System.Text.Encoding.UTF8);
                endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = prefetch;
                    if (quorumQueues)
                    {
                        rabbit.SetQuorumQueue();
                    }
                }
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.IsDefaultPort ? (ushort)5672 : (ushort)broker.Port, VirtualHost(broker), host =>
                {
                    var (user, password) = Credentials(broker);
                    host.Username(user);
                    host.Password(password);
                    host.PublisherConfirmation = true;
                });
                rabbit.ConfigureEndpoints(context);
            });
        });

        // What waits in this service's queues and error queues, for the metrics and the ready check.
        builder.Services.AddSingleton(new QueueDepths(ConsumerQueues.Named(builder.Services, formatter)));
        builder.Services.AddConsumeObserver(services => new ConsumerFailureNotice(services.GetRequiredService<QueueDepths>()));
        builder.Services.AddHostedService(services => new QueueDepthMonitor(
            services.GetRequiredService<QueueDepths>(), broker, services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<QueueDepthMonitor>>()));
        builder.Services.AddHealthChecks().AddCheck<QueueHealthCheck>("queues", tags: [Extensions.ReadyTag]);
        return builder;
    }

    /// <summary>The record a message is about: the relay's subject header; a message without one is a record of its own.</summary>
    private static string SubjectOf(ConsumeContext context) =>
        context.Headers.Get<string>(SubjectHeader) ?? context.MessageId?.ToString() ?? "";

    private static string VirtualHost(Uri broker)
    {
        var path = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }

    private static (string User, string Password) Credentials(Uri broker)
    {
        if (string.IsNullOrEmpty(broker.UserInfo))
        {
            return ("guest", "guest");
        }

        var parts = broker.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}

/// <summary>Applies the service's migrations as it starts.</summary>
internal sealed class DatabaseMigrator<TDbContext>(IServiceScopeFactory scopes) : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
