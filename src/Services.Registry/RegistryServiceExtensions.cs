using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Messaging;
using Concordat.Registry.ApiKeys;
using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concordat.Registry;

public static class RegistryServiceExtensions
{
    /// <summary>The registry's database, messaging, API description and partner API key checks.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RegistryDbContext>(ResourceNames.RegistryDatabase);
        builder.AddServiceMessaging(ResourceNames.Registry);
        builder.Services.AddOpenApi();
        // Enumerations travel as lower snake case words (`vice_chair`, `county_council`), as in the events.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)));
        builder.Services.AddValidation();
        builder.Services.AddScoped<GloucestershireConference>();
        builder.Services.AddScoped<IBodyRoles, Memberships.MembershipBodyRoles>();
        // The registry holds the key table, so it checks keys itself rather than asking itself over HTTP.
        builder.Services.Replace(ServiceDescriptor.Scoped<IApiKeyVerifier, StoredApiKeyVerifier>());
        if (builder.Configuration.GetValue("Registry:SeedDemoData", false))
        {
            // After the migrator (registered by AddServiceDatabase), so the tables exist.
            builder.Services.AddHostedService<DemoDataSeeder>();
        }

        return builder;
    }
}
