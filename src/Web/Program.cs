using Concordat.ServiceDefaults;
using Concordat.Web;
using Concordat.Web.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Web);
builder.AddWeb();

var app = builder.Build();
// The public scheme and host as the gateway saw them (ServiceDefaults says whom to believe).
app.UseForwardedHeaders();
// Sending a person to sign in from an enhanced navigation leaves the page rather than fetching the provider.
app.UseEnhancedNavigationRedirects();
// Errors are pages here, not problem details: a person reads them.
app.UseErrorPages();
app.UseAuthenticationAndAuthorization();
// What a signed-in person is shown is theirs: never cached.
app.UseNoStoreWhenSignedIn();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapPages();
app.Run();

/// <summary>Entry point; public so tests can host the web application.</summary>
public partial class Program;
