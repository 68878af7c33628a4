using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.ServiceKit;

public static class ApiConventions
{
    /// <summary>
    /// The JSON conventions every service's API shares: enumerations travel as lower snake case words
    /// (<c>vice_chair</c>, <c>county_council</c>), as in the events, and never as numbers. Each service still calls
    /// <c>AddValidation()</c> itself: its source generator describes the request types of the project that calls it, so
    /// called from here it would know none of the service's requests.
    /// </summary>
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)));
        return services;
    }
}
