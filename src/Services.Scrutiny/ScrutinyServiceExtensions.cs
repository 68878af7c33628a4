using Concordat.Messaging;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.OpenApi;

namespace Concordat.Scrutiny;

public static class ScrutinyServiceExtensions
{
    /// <summary>Scrutiny's database and messaging. Its features (inquiries, reports, call-ins) arrive with their issues.</summary>
    public static IHostApplicationBuilder AddScrutiny(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ScrutinyDbContext>(ResourceNames.ScrutinyDatabase);
        builder.AddServiceMessaging(ResourceNames.Scrutiny);
        builder.Services.AddApiDescription();
        return builder;
    }
}
