using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Concordat.Gateway;

/// <summary>
/// The gateway's routes: <c>/api/{service}/**</c> to each service, each service's OpenAPI document at
/// <c>/openapi/{service}.json</c>, and every other address (<c>/</c> among them) to the web application, with the
/// lowest priority, after the API routes and the gateway's own endpoints (health, the API reference at <c>/docs</c>). Each cluster's destination is the service's name (<c>http://registry</c>), which
/// service discovery resolves: from <c>services__registry__http__0</c> where the app host or a deployment sets it,
/// and otherwise as the host name itself (a Kubernetes Service of that name). No port is written here.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>Where the gateway listens when nothing else is configured: the one address users need.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The route that sends people's pages to the web application.</summary>
    public const string WebRoute = "web-pages";

    /// <summary>
    /// Address spaces that belong to machines, never to the web application: an unknown address under them is a 404
    /// problem for an API client, not a page (<see cref="MapUnknownApiAddresses"/>). <c>/internal</c> (the services'
    /// own calls, such as the registry's key check) is among them, so nothing under it is ever forwarded anywhere.
    /// </summary>
    public static readonly IReadOnlyList<string> ApiPrefixes = ["/api", "/openapi", "/asyncapi", "/internal"];

    public static WebApplicationBuilder AddGatewayRoutes(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["urls"] is null && builder.Configuration["http_ports"] is null)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in ResourceNames.Services)
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = $"http://{service}" } },
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-api",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            });
            routes.Add(new RouteConfig
            {
                RouteId = $"{service}-openapi",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/openapi/{service}.json", Methods = ["GET"] },
            }.WithTransformPathSet("/openapi/v1.json"));
        }

        // The AsyncAPI document of the public events partners subscribe to, served by the subscriptions service.
        routes.Add(new RouteConfig
        {
            RouteId = "public-asyncapi",
            ClusterId = ResourceNames.Subscriptions,
            Match = new RouteMatch { Path = "/asyncapi/public.json", Methods = ["GET"] },
        });

        // People's pages: anything no route above (and no endpoint of the gateway's own) takes.
        clusters.Add(new ClusterConfig
        {
            ClusterId = ResourceNames.Web,
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = $"http://{ResourceNames.Web}" } },
        });
        routes.Add(new RouteConfig
        {
            RouteId = WebRoute,
            ClusterId = ResourceNames.Web,
            Match = new RouteMatch { Path = "/{**page}", Methods = ["GET", "HEAD", "POST"] },
            Order = int.MaxValue,
        });

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                // The correlation id middleware has settled the id; pass it on to the service.
                context.ProxyRequest.Headers.Remove(CorrelationId.Header);
                context.ProxyRequest.Headers.TryAddWithoutValidation(CorrelationId.Header, CorrelationId.Of(context.HttpContext));
                return ValueTask.CompletedTask;
            }));
        return builder;
    }

    /// <summary>
    /// Answers an address under <see cref="ApiPrefixes"/> that no service route takes with a 404 problem, so an API
    /// client with a mistyped path learns so in the APIs' own terms instead of receiving a web page.
    /// </summary>
    public static WebApplication MapUnknownApiAddresses(this WebApplication app)
    {
        foreach (var prefix in ApiPrefixes)
        {
            app.Map(prefix + "/{**rest}", () => TypedResults.NotFound()).ExcludeFromDescription().Public();
        }

        return app;
    }
}
