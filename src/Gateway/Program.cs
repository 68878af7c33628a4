using Concordat.Gateway;
using Concordat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Gateway);
builder.AddTrustedProxies();
builder.AddClientRateLimits();
builder.AddRequestBodyLimits();
builder.AddGatewayRoutes();

var app = builder.Build();
app.UseProblemDetailsForErrors();
app.UseCorrelationId();
app.UseRateLimiter();
app.UseRequestBodyLimits();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

/// <summary>Entry point; public so functional tests can host the gateway.</summary>
public partial class Program;
