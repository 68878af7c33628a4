using Concordat.Audit;
using Concordat.Messaging;
using Concordat.Registry.Client;
using Concordat.Registry.ReadModel;
using Concordat.Scrutiny.CallIns;
using Concordat.Scrutiny.Clocks;
using Concordat.Scrutiny.Data;
using Concordat.Scrutiny.InformationRequests;
using Concordat.Scrutiny.Reports;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;
using Concordat.ServiceKit;
using Microsoft.Extensions.Options;

namespace Concordat.Scrutiny;

public static class ScrutinyServiceExtensions
{
    /// <summary>
    /// Scrutiny's database with its audit trail, messaging and the outbox relay, its read model of the registry's bodies
    /// and memberships (committees are bodies with the scrutiny role; access is by current membership), the decisions open to call-in and call-ins, work programme topics and inquiries with the two-tier duplication check, its API
    /// description and the shared API conventions (service kit).
    /// </summary>
    public static IHostApplicationBuilder AddScrutiny(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ScrutinyDbContext>(ResourceNames.ScrutinyDatabase);
        builder.AddAuditTrail();
        builder.AddServiceMessaging(ResourceNames.Scrutiny, bus =>
        {
            bus.AddRegistryReadModel<ScrutinyDbContext>();
            bus.AddConsumer<DecisionPublishedConsumer>();
            bus.AddConsumer<DecisionTookEffectConsumer>();
        });
        builder.AddOutboxRelay<ScrutinyDbContext>();
        // Partner API keys are checked by asking the registry, which holds them.
        builder.AddRegistryApiKeyVerifier();
        // A clerk, scrutiny officer, chair or member of a committee acts for it by the read model of the registry's memberships.
        builder.Services.AddRegistryBodyRoles<ScrutinyDbContext>();
        // Two committees can both pass the "not already called in" check before either commits; the index decides, with the rule's 409.
        builder.Services.Configure<ConstraintRules>(rules => rules.ByConstraint["ux_call_ins_open_per_decision"] = new RuleViolation(CallInRules.AlreadyCalledIn,
            "The decision is already called in and not yet resolved; one call-in at a time holds it.").ForConstraint(ScrutinyProblems.TypeBase, ScrutinyProblems.Title));
        builder.Services.AddScoped<DuplicationCheck>();
        // The statutory regimes (Scrutiny:Regimes, Scrutiny:DefaultRegime): a service with a nonsense clock does not start.
        builder.Services.AddOptions<ScrutinyRegimeOptions>().BindConfiguration(ScrutinyRegimeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScrutinyRegimeOptions>, ScrutinyRegimeValidation>();
        // The daily chases of overdue information requests and responses: one replica at a time, once per item and UK day.
        builder.Services.AddScoped<InformationRequestChase>();
        builder.Services.AddHostedService<InformationRequestChases>();
        builder.Services.AddScoped<ResponseChase>();
        builder.Services.AddHostedService<ResponseChases>();
        builder.Services.AddApiDescription();
        builder.Services.AddApiConventions();
        // Here, not in the kit: the validation source generator describes the request types of the project that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
