using Concordat.DevIssuer;
using Concordat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
// Refuses to start outside Development: whoever reaches its page can sign in as anyone.
builder.AddDevIssuer();
builder.AddServiceDefaults(ResourceNames.DevIssuer);

var app = builder.Build();
app.UseLoopbackOnly();
app.UseAuthenticationAndAuthorization();
app.MapDefaultEndpoints();
app.MapDevIssuer();
app.Run();

/// <summary>Entry point; public so tests can host the development issuer.</summary>
public partial class Program;
