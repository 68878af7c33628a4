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
// On Ctrl+C or SIGTERM, wait until the orchestrator has stopped every resource before the app host exits, so
// nothing (servers, services, the orchestrator itself) outlives it; otherwise the orchestrator cleans up alone,
// some seconds after the app host has gone.
builder.Configuration["DcpPublisher:WaitForResourceCleanup"] ??= "true";
builder.AddConcordat(settings);
builder.AddStartupReport(settings);
builder.Build().Run();
