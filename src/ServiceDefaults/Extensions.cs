using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Concordat.ServiceDefaults;

/// <summary>
/// The one call every Concordat process makes: telemetry, health, service discovery, resilience,
/// problem details and bearer-token authentication, configured the same way everywhere.
/// </summary>
public static class Extensions
{
    /// <summary>Health checks with this tag are run by <c>/health/live</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Health checks with this tag are run by <c>/health/ready</c> (database, broker).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The ActivitySource and Meter that MassTransit writes to.</summary>
    public const string MassTransitTelemetryName = "MassTransit";

    /// <summary>Adds telemetry, health, discovery, resilience, problem details and authentication for service <paramref name="serviceName"/>.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<InstanceOptions>(builder.Configuration.GetSection(InstanceOptions.Section));
        builder.Services.PostConfigure<InstanceOptions>(o => o.ServiceName = serviceName);

        builder.ConfigureOpenTelemetry(serviceName);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A parameter that cannot be bound (`?since=yesterday`) throws, so BadRequestExceptionHandler answers with
        // a problem naming the parameter and the value, rather than a bare 400 that tells the caller nothing.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Services sit behind the gateway (or a Kubernetes ingress) and are not reachable from outside,
            // so they take the gateway's word for the public scheme and host (used in links and OpenAPI servers).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            Input.ErrorMembers.NameAsJson(context.ProblemDetails);
            if (context.ProblemDetails.Status == StatusCodes.Status401Unauthorized)
            {
                context.ProblemDetails.Detail ??= AuthenticationExtensions.DescribeRefusal(context.HttpContext.Request);
            }

            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString());
        });
        builder.AddConcordatAuthentication();
        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(MassTransitTelemetryName)
                .AddMeter("Npgsql")
                .AddMeter("Concordat.*"))
            .WithTracing(tracing => tracing
                .AddSource(serviceName)
                .AddSource(MassTransitTelemetryName)
                .AddSource("Concordat.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Probes every few seconds would drown the traces people look for.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (its database and broker
    /// answer) in every environment, because Kubernetes probes need them in production; and <c>/auth/me</c>,
    /// which tells a caller what its bearer token says.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthAsync,
        }).Public();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthAsync,
        }).Public();
        app.MapAuthMe();
        return app;
    }

    /// <summary>
    /// Answers every error status (including unhandled exceptions) with problem details. Call after
    /// <c>UseForwardedHeaders</c> and before <see cref="AuthenticationExtensions.UseAuthenticationAndAuthorization"/>,
    /// so a refused caller's 401 or 403 is a problem too.
    /// </summary>
    public static WebApplication UseProblemDetailsForErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            totalMilliseconds = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }
}
