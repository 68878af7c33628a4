using Concordat.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Refit;

namespace Concordat.Registry.Client;

/// <summary>Registers what a process that does not hold the registry's tables uses to ask the registry.</summary>
public static class RegistryClientExtensions
{
    /// <summary>
    /// Checks partner API keys by asking the registry (<see cref="IApiKeyVerificationApi"/>, found by service discovery
    /// under <see cref="ResourceNames.Registry"/>), for the gateway, cycle and scrutiny. The registry itself checks its
    /// own table instead and does not call this.
    /// </summary>
    public static IHostApplicationBuilder AddRegistryApiKeyVerifier(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddRefitGeneratedClient<IApiKeyVerificationApi>()
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Registry));
        builder.Services.TryAddScoped<IApiKeyVerifier, RegistryApiKeyVerifier>();
        return builder;
    }
}
