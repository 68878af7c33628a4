using Concordat.Audit;
using Concordat.Scrutiny;
using Concordat.Scrutiny.CallIns;
using Concordat.Scrutiny.Committees;
using Concordat.Scrutiny.Data;
using Concordat.Scrutiny.InformationRequests;
using Concordat.Scrutiny.Inquiries;
using Concordat.Scrutiny.Reports;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Scrutiny);
builder.AddScrutiny();

var app = builder.Build();
// The public scheme, host and client address as the gateway saw them (ServiceDefaults says whom to believe).
app.UseForwardedHeaders();
app.UseProblemDetailsForErrors();
app.UseAuthenticationAndAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi().Public();
var api = app.MapApi();
api.MapCommitteesApi();
api.MapCallInsApi();
api.MapWorkProgrammeApi();
api.MapInquiriesApi();
api.MapInformationRequestsApi();
api.MapReportsApi();
api.MapAuditExport<ScrutinyDbContext>("/api/scrutiny");
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
