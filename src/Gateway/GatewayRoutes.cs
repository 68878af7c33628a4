using Concordat.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Concordat.Gateway;

/// <summary>
/// The gateway's routes: <c>/api/{service}/**</c> to each service, and each service's OpenAPI document at
/// <c>/openapi/{service}.json</c>. Each cluster's destination is the service's name (<c>http://registry</c>), which
/// service discovery resolves: from <c>services__registry__http__0</c> where the app host or a deployment sets it,
/// and otherwise as the host name itself (a Kubernetes Service of that name). No port is written here.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>Where the gateway listens when nothing else is configured: the one address users need.</summary>
    public const string DefaultUrl = "http://localhost:5080";

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
}
