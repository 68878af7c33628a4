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

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ResourceNames.Registry);
builder.AddRegistry();

var app = builder.Build();
app.UseProblemDetailsForErrors();
app.MapDefaultEndpoints();
app.MapOpenApi().Public();
app.MapOrganisationsApi();
app.MapPeopleApi();
app.MapBodiesApi();
app.MapSeatsApi();
app.MapMembershipsApi();
app.MapRelationshipsApi();
app.MapAgreementsApi();
app.MapOpenDataApi();
app.MapTransferApi();
app.MapAuditApi();
app.MapApiKeysApi();
app.Run();

/// <summary>Entry point; public so functional tests can host the service.</summary>
public partial class Program;
