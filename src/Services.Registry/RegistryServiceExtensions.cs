using Concordat.Audit;
using Concordat.Messaging;
using Concordat.Registry.ApiKeys;
using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;
using Concordat.ServiceDefaults.Access;

namespace Concordat.Registry;

public static class RegistryServiceExtensions
{
    /// <summary>The registry's database with its audit trail, messaging with the outbox relay, API description and partner API key checks.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RegistryDbContext>(ResourceNames.RegistryDatabase);
        builder.AddAuditTrail();
        builder.AddServiceMessaging(ResourceNames.Registry);
        builder.AddOutboxRelay<RegistryDbContext>();
        builder.Services.AddApiDescription(options => options.AddSchemaTransformer<OpenData.PopoloSchemaNames>());
        builder.Services.AddApiConventions();
        // Here, not in the kit: the validation source generator describes the request types of the project that calls it.
        builder.Services.AddValidation();
        // Two requests can both pass a uniqueness check before either commits; the index then decides, with the rule's 409.
        builder.Services.Configure<ConstraintRules>(rules =>
        {
            rules.ByConstraint["ix_people_subject"] = new RuleViolation(RegistryRules.SubjectTaken,
                "Another person already signs in as that subject; a sign-in belongs to one person.").ForConstraint();
            rules.ByConstraint["ix_body_relationships_from_body_id_kind_to_body_id"] = new RuleViolation(RegistryRules.RelationshipExists,
                "The two bodies are already related that way.").ForConstraint();
        });
        builder.Services.AddScoped<GloucestershireConference>();
        builder.Services.AddScoped<IBodyRoles, Memberships.MembershipBodyRoles>();
        // The registry holds the key table, so it checks keys itself rather than asking itself over HTTP.
        builder.Services.AddScoped<IApiKeyVerifier, StoredApiKeyVerifier>();
        if (builder.Configuration.GetValue("Registry:SeedDemoData", false))
        {
            // After the migrator (registered by AddServiceDatabase), so the tables exist.
            builder.Services.AddHostedService<DemoDataSeeder>();
        }

        return builder;
    }
}
