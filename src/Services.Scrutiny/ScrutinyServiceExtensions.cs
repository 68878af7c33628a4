using Concordat.Audit;
using Concordat.Messaging;
using Concordat.Registry.Client;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;
using Concordat.ServiceKit;

namespace Concordat.Scrutiny;

public static class ScrutinyServiceExtensions
{
    /// <summary>Scrutiny's database with its audit trail, messaging and the outbox relay. Its features (inquiries, reports, call-ins) arrive with their issues.</summary>
    public static IHostApplicationBuilder AddScrutiny(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ScrutinyDbContext>(ResourceNames.ScrutinyDatabase);
        builder.AddAuditTrail();
        builder.AddServiceMessaging(ResourceNames.Scrutiny);
        builder.AddOutboxRelay<ScrutinyDbContext>();
        // Partner API keys are checked by asking the registry, which holds them.
        builder.AddRegistryApiKeyVerifier();
        builder.Services.AddApiDescription();
        builder.Services.AddApiConventions();
        // Here, not in the kit: the validation source generator describes the request types of the project that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
