using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.Subscriptions;
using Concordat.Subscriptions.AsyncApi;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.Feeds;
using Concordat.Subscriptions.Idempotency;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Subscriptions);
builder.AddSubscriptions();

var app = builder.Build();
// The public scheme, host and client address as the gateway saw them (ServiceDefaults says whom to believe).
app.UseForwardedHeaders();
app.UseProblemDetailsForErrors();
app.UseAuthenticationAndAuthorization();
app.UseIdempotencyKeys();
app.MapDefaultEndpoints();
app.MapOpenApi().Public();
app.MapPublicAsyncApi();
var api = app.MapApi();
api.MapEndpointsApi();
api.MapDeliveriesApi();
api.MapFeedsApi();
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
