using System.Text.Json;
using Concordat.Registry.Client;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.Web.Apis;
using Concordat.Web.SignIn;
using Microsoft.AspNetCore.Authorization;
using Refit;

namespace Concordat.Web;

/// <summary>What the web application registers and maps; <c>Program.cs</c> tells the story with these.</summary>
public static class WebExtensions
{
    /// <summary>
    /// Razor components rendered on the server (static SSR, no interactive render modes yet), the settings in section
    /// <c>Web</c>, and a Refit client per service the pages read, each at the service's name (<c>http://registry</c>),
    /// which service discovery resolves from <c>services__registry__http__0</c> or, in a cluster, as a host name.
    /// </summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // Who is signed in, and their access token on every call to a service.
        builder.AddSignIn();
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        // A partner's API key sent to a page is checked like anywhere else, by asking the registry.
        builder.AddRegistryApiKeyVerifier();

        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        builder.Services.AddRefitGeneratedClient<IRegistryApi>(settings)
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Registry))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddRefitGeneratedClient<ICycleApi>(settings)
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Cycle))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddRefitGeneratedClient<IScrutinyApi>(settings)
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Scrutiny))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddRefitGeneratedClient<ISubscriptionsApi>(settings)
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Subscriptions))
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddRefitGeneratedClient<Apis.Clerk.ICycleClerkApi>(settings)
            .ConfigureHttpClient(http => http.BaseAddress = new Uri("http://" + ResourceNames.Cycle))
            .AddHttpMessageHandler<AccessTokenHandler>();
        return builder;
    }

    /// <summary>
    /// A failure shows the error page and a refusal (404, 403, …) its page, with the status kept: people read these,
    /// so they are HTML in the service's layout, not the problem details the APIs answer with.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(Errors.ErrorPage.Path, createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute(Errors.StatusPage.PathFormat, createScopeForStatusCodePages: true);
        return app;
    }

    /// <summary>
    /// The pages and their static assets (the vendored GOV.UK Frontend among them), and signing in and out. A page is
    /// public unless it says <c>@attribute [Authorize]</c>: then a person who is not signed in is sent to sign in.
    /// </summary>
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapStaticAssets().Public();
        // Not .Public() for all: its AllowAnonymous would outrank a page's [Authorize].
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAuthorizeData>().Any())
            {
                endpoint.Metadata.Add(AccessPolicy.Token);
            }
            else
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
                endpoint.Metadata.Add(AccessPolicy.Public);
            }
        });
        app.MapSignIn();
        // Any other address, file names too (/favicon.ico), is a 404 page (re-executed by UseErrorPages), not a 401:
        // without an endpoint of its own it would fall to the authorization fallback, which closes what declares no access.
        app.MapFallback("{**path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).Public();
        return app;
    }
}
