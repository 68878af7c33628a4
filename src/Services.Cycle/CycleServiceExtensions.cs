using Concordat.Audit;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Cycle.Referrals;
using Concordat.Messaging;
using Concordat.Registry.Client;
using Concordat.Registry.ReadModel;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;
using Concordat.ServiceKit;

namespace Concordat.Cycle;

public static class CycleServiceExtensions
{
    /// <summary>
    /// The cycle's database with its audit trail, the outbox relay, its consumers of registry events (bodies and
    /// memberships) and of scrutiny's call-ins, access by membership, the daily overdue-referral reminders, decisions taking effect, its API description and the shared API
    /// conventions (service kit).
    /// </summary>
    public static IHostApplicationBuilder AddCycle(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CycleDbContext>(ResourceNames.CycleDatabase);
        builder.AddAuditTrail();
        builder.AddServiceMessaging(ResourceNames.Cycle, bus =>
        {
            bus.AddRegistryReadModel<CycleDbContext>();
            bus.AddConsumer<DecisionCalledInConsumer>();
            bus.AddConsumer<CallInResolvedConsumer>();
        });
        builder.AddOutboxRelay<CycleDbContext>();
        // Partner API keys are checked by asking the registry, which holds them.
        builder.AddRegistryApiKeyVerifier();
        // A clerk or member of a body acts for it by the cycle's read model of the registry's memberships.
        builder.Services.AddRegistryBodyRoles<CycleDbContext>();
        builder.Services.AddScoped<IDecisionsInEffect, DecisionsInEffect>();
        builder.Services.AddOptions<CallInOptions>().BindConfiguration(CallInOptions.Section).Validate(o => o.WorkingDays is >= 1 and <= 60, "Cycle:CallIn:WorkingDays is 1 to 60.").ValidateOnStart();
        builder.Services.AddScoped<DecisionEffects>();
        builder.Services.AddHostedService<DecisionEffectRuns>();
        builder.Services.AddScoped<OverdueReminder>();
        builder.Services.AddHostedService<OverdueReminders>();
        builder.Services.AddApiDescription();
        builder.Services.AddApiConventions();
        // Here, not in the kit: the validation source generator describes the request types of the project that calls it.
        builder.Services.AddValidation();
        // Two clerks can both pass the check before either commits; the unique index then decides, with the rule's 409.
        builder.Services.Configure<ConstraintRules>(rules => rules.ByConstraint["ix_task_groups_issue_id_body_id"] =
            new RuleViolation("task-group-already-registered", "The body is already registered as a task group for the issue.")
                .ForConstraint(CycleProblems.TypeBase, CycleProblems.Title));
        builder.Services.Configure<ConstraintRules>(rules => rules.ByConstraint["ix_delivery_plans_decision_id"] =
            new RuleViolation("delivery-plan-already-started", "The decision already has a delivery plan; there is one live plan per decision.")
                .ForConstraint(CycleProblems.TypeBase, CycleProblems.Title));
        return builder;
    }
}
