using Concordat.Audit;
using Concordat.Cycle;
using Concordat.Cycle.RegistryModel;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Cycle.Delivery;
using Concordat.Cycle.Evaluations;
using Concordat.Cycle.FollowUps;
using Concordat.Cycle.Holding;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Lessons;
using Concordat.Cycle.Meetings;
using Concordat.Cycle.Proposals;
using Concordat.Cycle.Referrals;
using Concordat.Cycle.TaskGroups;
using Concordat.Cycle.Timeline;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Cycle);
builder.AddCycle();

var app = builder.Build();
// The public scheme, host and client address as the gateway saw them (ServiceDefaults says whom to believe).
app.UseForwardedHeaders();
app.UseProblemDetailsForErrors();
app.UseAuthenticationAndAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi().Public();
var api = app.MapApi();
api.MapBodiesApi();
api.MapIssuesApi();
api.MapTimelineApi();
api.MapReferralsApi();
api.MapDecisionsApi();
api.MapMeetingsApi();
api.MapProposalsApi();
api.MapHoldingApi();
api.MapTaskGroupsApi();
api.MapDeliveryApi();
api.MapEvaluationsApi();
api.MapLessonsApi();
api.MapFollowUpsApi();
api.MapAuditExport<CycleDbContext>("/api/cycle");
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
