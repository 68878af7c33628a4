using Concordat.Testing;
using System.Net.Http.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Subscriptions.Tests;

/// <summary>Who calls, in the matrix.</summary>
public enum Caller
{
    Anonymous,
    Administrator,
    PartnerOfTheOrganisation,
    PartnerOfAnotherOrganisation,
    Clerk,
}

/// <summary>What each caller should get: 2xx (allowed), 401, 403 or 404.</summary>
public static class Expect
{
    private const int Allowed = Expectation.Allowed;

    public static readonly Expectation<Caller> Public = Where("public", _ => Allowed);

    public static readonly Expectation<Caller> AnyToken = Where("any token", c => c == Caller.Anonymous ? 401 : Allowed);

    /// <summary>Any partner (for its own organisation) or a platform administrator: listing and registering.</summary>
    public static readonly Expectation<Caller> Partners = Where("partner", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Clerk => 403,
        _ => Allowed,
    });

    /// <summary>Registering for the organisation: another organisation's partner may not name it (400 on <c>organisationId</c>).</summary>
    public static readonly Expectation<Caller> ForTheOrganisation = Where("partner", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Clerk => 403,
        Caller.PartnerOfAnotherOrganisation => 400,
        _ => Allowed,
    });

    /// <summary>One endpoint: its organisation's partner or a platform administrator; another organisation's partner is told it does not exist.</summary>
    public static readonly Expectation<Caller> OwnOrganisation = Where("partner", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Clerk => 403,
        Caller.PartnerOfAnotherOrganisation => 404,
        _ => Allowed,
    });

    private static Expectation<Caller> Where(string name, Func<Caller, int> status) => Expectation.Where(name, status);
}

/// <summary>One endpoint of the matrix: its method and route as mapped, what callers should get, and how to make a valid request.</summary>
public sealed record MatrixRow(string Method, string Route, Expectation<Caller> Expect, Func<SubscriptionsAccessScene, Task<HttpRequestMessage>> Request)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every endpoint of the subscriptions service × every kind of caller: 401 without a token where one is needed, 403 for a
/// caller without the role, 404 for another organisation's partner, 2xx otherwise. A new endpoint joins with one row.
/// </summary>
public sealed class AccessMatrixTests(SubscriptionsAccessScene scene) : IClassFixture<SubscriptionsAccessScene>
{
    private const string Endpoint = "/api/subscriptions/endpoints/{id:guid}";
    private const string Feed = "/api/subscriptions/feeds/{id:guid}";

    private static readonly MatrixRow[] Rows =
    [
        new("*", "/health/live", Expect.Public, s => Get("/health/live")),
        new("*", "/health/ready", Expect.Public, s => Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Expect.Public, s => Get("/openapi/v1.json")),
        new("GET", "/auth/me", Expect.AnyToken, s => Get("/auth/me")),
        new("GET", "/api/subscriptions/event-types", Expect.Public, s => Get("/api/subscriptions/event-types")),
        new("GET", "/asyncapi/public.json", Expect.Public, s => Get("/asyncapi/public.json")),

        new("GET", "/api/subscriptions/endpoints/", Expect.Partners, s => Get("/api/subscriptions/endpoints")),
        new("POST", "/api/subscriptions/endpoints/", Expect.ForTheOrganisation, s => Post("/api/subscriptions/endpoints", new
        {
            url = "http://localhost:9/hook", eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = s.Organisation,
        })),
        new("GET", Endpoint, Expect.OwnOrganisation, async s => await Get($"/api/subscriptions/endpoints/{await s.EndpointAsync()}")),
        new("DELETE", Endpoint, Expect.OwnOrganisation, async s => new HttpRequestMessage(HttpMethod.Delete, $"/api/subscriptions/endpoints/{await s.EndpointAsync()}")),
        new("POST", Endpoint + "/secret-rotation", Expect.OwnOrganisation, async s => await Post($"/api/subscriptions/endpoints/{await s.EndpointAsync()}/secret-rotation", new { })),
        new("POST", Endpoint + "/pause", Expect.OwnOrganisation, async s => await Post($"/api/subscriptions/endpoints/{await s.EndpointAsync()}/pause", new { })),
        new("POST", Endpoint + "/resume", Expect.OwnOrganisation, async s => await Post($"/api/subscriptions/endpoints/{await s.EndpointAsync()}/resume", new { })),
        new("GET", Endpoint + "/deliveries", Expect.OwnOrganisation, async s => await Get($"/api/subscriptions/endpoints/{await s.EndpointAsync()}/deliveries")),
        new("POST", Endpoint + "/deliveries/{deliveryId:guid}/redelivery", Expect.OwnOrganisation, async s =>
        {
            var (endpoint, delivery) = await s.DeliveredAsync();
            return await Post($"/api/subscriptions/endpoints/{endpoint}/deliveries/{delivery}/redelivery", new { });
        }),
        new("POST", Endpoint + "/replay", Expect.OwnOrganisation, async s =>
            await Post($"/api/subscriptions/endpoints/{await s.EndpointAsync()}/replay", new { since = DateTimeOffset.UtcNow.AddHours(-1) })),

        new("GET", "/api/subscriptions/feeds/", Expect.Partners, s => Get("/api/subscriptions/feeds")),
        new("POST", "/api/subscriptions/feeds/", Expect.ForTheOrganisation, s => Post("/api/subscriptions/feeds", new
        {
            eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = s.Organisation,
        })),
        new("GET", Feed, Expect.OwnOrganisation, async s => await Get($"/api/subscriptions/feeds/{await s.FeedAsync()}")),
        new("DELETE", Feed, Expect.OwnOrganisation, async s => new HttpRequestMessage(HttpMethod.Delete, $"/api/subscriptions/feeds/{await s.FeedAsync()}")),
        new("POST", Feed + "/password-rotation", Expect.OwnOrganisation, async s => await Post($"/api/subscriptions/feeds/{await s.FeedAsync()}/password-rotation", new { })),
    ];

    public static TheoryData<MatrixRow> Endpoints => [.. Rows];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Each_caller_gets_what_the_rules_say(MatrixRow row) =>
        AccessMatrix.AssertEachCallerAsync(row.ToString(), row.Expect, scene.ClientFor, () => row.Request(scene));

    [Fact]
    public void Every_endpoint_declares_its_access_and_is_in_the_matrix() =>
        AccessMatrix.AssertEveryEndpointHasARow(Declared(), Rows.Select(r => r.ToString()));

    [Fact]
    public void Each_row_expects_what_the_endpoint_declares() =>
        AccessMatrix.AssertRowsExpectWhatIsDeclared(Declared(), Rows.Select(r => (r.ToString(), r.Expect)), Matches);

    private Dictionary<string, AccessPolicy?> Declared() => AccessMatrix.Declared<AccessPolicy>(scene.Service.Services);

    private static bool Matches(string expect, AccessPolicy? policy) => (expect, policy?.Kind, policy?.Needed) switch
    {
        ("public", AccessKind.Public, _) => true,
        ("any token", AccessKind.Token, _) => true,
        ("partner", AccessKind.Roles, ConcordatRoles.Partner) => true,
        _ => false,
    };

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
}

/// <summary>The service with the callers of the matrix: a partner of the organisation, a partner of another, a clerk, an administrator.</summary>
public sealed class SubscriptionsAccessScene : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public SubscriptionsFactory Service { get; } = new();

    public Guid Organisation { get; } = Guid.CreateVersion7();

    public HttpClient ClientFor(Caller caller) => _clients[caller];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Service).InitializeAsync();
        _clients[Caller.Anonymous] = Service.CreateClient(token: null);
        _clients[Caller.Administrator] = Service.CreateClient();
        _clients[Caller.PartnerOfTheOrganisation] = Service.Partner(Organisation);
        _clients[Caller.PartnerOfAnotherOrganisation] = Service.Partner(Guid.CreateVersion7());
        _clients[Caller.Clerk] = Service.CreateClient(Service.Tokens.Token(new TokenRequest { Subject = "matrix-clerk", Roles = [ConcordatRoles.Clerk] }));
    }

    /// <summary>A new endpoint of the organisation.</summary>
    public async Task<Guid> EndpointAsync() => (await SubscriptionsFactory.RegisterAsync(_clients[Caller.Administrator],
        new { url = "http://localhost:9/hook", eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = Organisation })).Id;

    /// <summary>A new AMQP feed of the organisation.</summary>
    public async Task<Guid> FeedAsync()
    {
        using var response = await _clients[Caller.Administrator].PostAsJsonAsync("/api/subscriptions/feeds",
            new { eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = Organisation });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("feed").GetProperty("id").GetGuid();
    }

    /// <summary>A new endpoint of the organisation with one delivery (to a closed port: it fails, which is all redelivery needs).</summary>
    public async Task<(Guid Endpoint, Guid Delivery)> DeliveredAsync()
    {
        var body = Guid.CreateVersion7();
        var (endpoint, _) = await SubscriptionsFactory.RegisterAsync(_clients[Caller.Administrator],
            new { url = "http://localhost:9/hook", eventTypes = new[] { "org.concordat.cycle.*" }, bodyIds = new[] { body }, organisationId = Organisation });
        await Service.PublishAsync(Events.Decision(body));
        var delivery = await Testing.Eventually.ReturnsAsync(() => Service.InDatabaseAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(db.Deliveries, d => d.EndpointId == endpoint)));
        return (endpoint, delivery.Id);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await ((IAsyncLifetime)Service).DisposeAsync();
    }
}
