using Concordat.Registry;
using Concordat.Registry.Agreements;
using Concordat.Registry.ApiKeys;
using Concordat.Registry.Audit;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.OpenData;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Registry);
builder.AddRegistry();

var app = builder.Build();
// The public scheme, host and client address as the gateway saw them (ServiceDefaults says whom to believe).
app.UseForwardedHeaders();
app.UseProblemDetailsForErrors();
app.UseAuthenticationAndAuthorization();
app.MapDefaultEndpoints();
app.MapOpenApi().Public();
var api = app.MapApi();
api.MapOrganisationsApi();
api.MapPeopleApi();
api.MapBodiesApi();
api.MapBodyCompositionApi();
api.MapSeatsApi();
api.MapMembershipsApi();
api.MapRelationshipsApi();
api.MapAgreementsApi();
api.MapOpenDataApi();
api.MapTransferApi();
api.MapAuditApi();
api.MapApiKeysApi();
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
