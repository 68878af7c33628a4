using Concordat.Gateway;
using Concordat.Registry.Client;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Gateway);
// Partner API keys are checked by asking the registry, which holds them.
builder.AddRegistryApiKeyVerifier();
builder.AddTrustedProxies();
builder.AddClientRateLimits();
builder.AddRequestBodyLimits();
builder.AddGatewayRoutes();
builder.AddSecurityHeaders();

var app = builder.Build();
// Before anything that answers, so every answer carries them.
app.UseSecurityHeaders();
// First, so every answer carries the id, including a refused token's 401.
app.UseCorrelationId();
// The client's address from X-Forwarded-For, believed only from Gateway:TrustedProxies.
app.UseForwardedHeaders();
app.UseProblemDetailsForErrors();
// Refuses an invalid token with 401 before anything else sees it, so the rate limiter after it
// counts a request against the validated identity, never a header the client wrote.
app.UseAuthenticationAndAuthorization();
app.UseRateLimiter();
app.UseRequestBodyLimits();
app.MapDefaultEndpoints();
app.MapApiReference();
app.MapUnknownApiAddresses();
// The gateway refuses invalid tokens but leaves authorisation to each service, which knows its endpoints;
// every address no API route takes goes to the web application.
app.MapReverseProxy().Public();
app.Run();

/// <summary>Entry point; public so functional tests can host the gateway.</summary>
public partial class Program;
