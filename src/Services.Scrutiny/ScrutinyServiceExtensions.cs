using Concordat.Messaging;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults;

namespace Concordat.Scrutiny;

public static class ScrutinyServiceExtensions
{
    /// <summary>Scrutiny's database and messaging. Its features (inquiries, reports, call-ins) arrive with their issues.</summary>
    public static IHostApplicationBuilder AddScrutiny(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ScrutinyDbContext>(ResourceNames.ScrutinyDatabase);
        builder.AddServiceMessaging(ResourceNames.Scrutiny);
        builder.Services.AddOpenApi();
        return builder;
    }
}
