using Concordat.Cycle.Bodies;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;

namespace Concordat.Cycle;

public static class CycleServiceExtensions
{
    /// <summary>The cycle's database, its consumers of registry events, and its API description.</summary>
    public static IHostApplicationBuilder AddCycle(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CycleDbContext>(ResourceNames.CycleDatabase);
        builder.AddServiceMessaging(ResourceNames.Cycle, bus =>
        {
            bus.AddConsumer<BodyRegisteredConsumer>();
            bus.AddConsumer<BodyChangedConsumer>();
            bus.AddConsumer<BodyRolesChangedConsumer>();
            bus.AddConsumer<BodyDissolvedConsumer>();
        });
        builder.Services.AddApiDescription();
        return builder;
    }
}
