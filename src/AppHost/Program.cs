using Concordat.AppHost;

// The Aspire app host: `./concordat up` (or `dotnet run --project src/AppHost`, or `aspire run`).
// Settings: docs/operations.md, "The app host". AppHost__Dashboard=false runs it headless.
var settings = AppHostSettings.Read(args);
if (settings.Dashboard)
{
    AppHostSettings.ApplyDashboardDefaults();
}

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = args,
    DisableDashboard = !settings.Dashboard,
});
builder.AddConcordat(settings);
builder.AddStartupReport(settings);
builder.Build().Run();
