using Concordat.Registry;
using Concordat.Registry.Bodies;
using Concordat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Registry);
builder.AddRegistry();

var app = builder.Build();
app.UseProblemDetailsForErrors();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapBodiesApi();
app.MapTransferApi();
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
