using Concordat.Gateway;
using Concordat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Gateway);
builder.AddTrustedProxies();
builder.AddClientRateLimits();
builder.AddRequestBodyLimits();
builder.AddGatewayRoutes();

var app = builder.Build();
// First, so every answer carries the id, including a refused token's 401.
app.UseCorrelationId();
app.UseProblemDetailsForErrors();
app.UseRateLimiter();
app.UseRequestBodyLimits();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

/// <summary>Entry point; public so functional tests can host the gateway.</summary>
public partial class Program;
