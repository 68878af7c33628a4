using Concordat.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Concordat.Gateway;

/// <summary>
/// The gateway's routes: <c>/api/{service}/**</c> to each service, and each service's OpenAPI
/// document at <c>/openapi/{service}.json</c>. Destinations come from the same
/// <c>services__{name}__http__0</c> configuration every process gets (there is no service-discovery
/// provider for YARP on this package feed), so the gateway never hard-codes a port.
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
            var address = builder.Configuration[$"services:{service}:http:0"]
                ?? builder.Configuration[$"services:{service}:https:0"]
                ?? throw new InvalidOperationException(
                    $"The gateway needs the address of '{service}': set services__{service}__http__0.");

            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
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

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
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
