using Concordat.Messaging;
using Concordat.Registry.Client;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;
using Concordat.ServiceKit;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.FanOut;
using Concordat.Subscriptions.Feeds;
using Concordat.Subscriptions.Idempotency;
using Concordat.Subscriptions.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concordat.Subscriptions;

public static class SubscriptionsServiceExtensions
{
    /// <summary>
    /// The subscriptions service: its database (with the Data Protection key ring that encrypts signing secrets), the
    /// consumers of the public events that fan them out to endpoints, the dispatcher that delivers them, the outbox relay
    /// for its own events, partner API keys (checked by the registry), the operator's settings and the API description.
    /// </summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<FeedSignal>();
        builder.Services.AddSingleton<IInterceptor, DeliveryWakeUp>();
        builder.AddServiceDatabase<SubscriptionsDbContext>(ResourceNames.SubscriptionsDatabase);
        builder.AddServiceMessaging(ResourceNames.Subscriptions, PublicEventConsumers.Add);
        builder.AddOutboxRelay<SubscriptionsDbContext>();
        builder.AddRegistryApiKeyVerifier();
        builder.Services.AddDataProtection().SetApplicationName("concordat-subscriptions").PersistKeysToDbContext<SubscriptionsDbContext>();
        builder.Services.AddOptions<SubscriptionsOptions>().BindConfiguration(SubscriptionsOptions.Section)
            .Validate(o => o.DeliveryTimeout > TimeSpan.Zero && o.DeliveryTimeout <= TimeSpan.FromMinutes(1), "Subscriptions:DeliveryTimeout is over 0 and at most a minute.")
            .Validate(o => o.MaxInFlightPerEndpoint >= 1 && o.MaxInFlight >= o.MaxInFlightPerEndpoint, "Subscriptions:MaxInFlight is at least MaxInFlightPerEndpoint, which is at least 1.")
            .Validate(o => o.Jitter is >= 0 and <= 0.5, "Subscriptions:Jitter is 0 to 0.5.")
            .Validate(o => o.Retention.Days is >= 1 and <= 3650, "Subscriptions:Retention:Days is 1 to 3650.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EndpointSecrets>();
        builder.Services.AddSingleton<WebhookClient>();
        builder.Services.AddScoped<DeliveryAttempter>();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<AttemptLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AttemptLog>());
        builder.Services.AddHostedService<DeliveryDispatcher>();
        builder.Services.AddHttpClient<PartnerBroker>();
        builder.Services.AddHostedService<FeedPublisher>();
        builder.Services.AddHostedService<IdempotencyCleanUp>();
        builder.Services.AddScoped<EventLogRetention>();
        builder.Services.AddHostedService<EventLogPurges>();
        builder.Services.AddApiDescription();
        builder.Services.AddApiConventions();
        // Here, not in the kit: the validation source generator describes the request types of the project that calls it.
        builder.Services.AddValidation();
        LoadKeyRingAfterMigrations(builder.Services);
        return builder;
    }

    /// <summary>
    /// The web host registers Data Protection's hosted service (which loads the key ring at start) before any of ours; the
    /// key ring is in this service's database, so it starts after the migrator has made its table.
    /// </summary>
    private static void LoadKeyRingAfterMigrations(IServiceCollection services)
    {
        var keyRingLoader = services.LastOrDefault(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.Name == "DataProtectionHostedService");
        if (keyRingLoader is not null)
        {
            services.Remove(keyRingLoader);
            services.Add(keyRingLoader);
        }
    }
}
