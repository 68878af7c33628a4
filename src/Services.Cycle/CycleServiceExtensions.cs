using Concordat.Audit;
using Concordat.Cycle.Bodies;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Concordat.ServiceDefaults;

namespace Concordat.Cycle;

public static class CycleServiceExtensions
{
    /// <summary>The cycle's database with its audit trail, the outbox relay, its consumers of registry events, and its API description.</summary>
    public static IHostApplicationBuilder AddCycle(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CycleDbContext>(ResourceNames.CycleDatabase);
        builder.AddAuditTrail();
        builder.AddServiceMessaging(ResourceNames.Cycle, bus =>
        {
            bus.AddConsumer<BodyRegisteredConsumer>();
            bus.AddConsumer<BodyChangedConsumer>();
            bus.AddConsumer<BodyRolesChangedConsumer>();
            bus.AddConsumer<BodyDissolvedConsumer>();
        });
        builder.AddOutboxRelay<CycleDbContext>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
