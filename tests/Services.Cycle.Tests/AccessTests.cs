using System.Net;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Cycle.Tests;

/// <summary>The cycle's endpoints say who may call them; what it knows of bodies is published information.</summary>
public sealed class AccessTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    [Fact]
    public void Every_endpoint_declares_its_access()
    {
        var undeclared = cycle.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AccessPolicy>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(undeclared.Count == 0, "No access declared:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task Anyone_may_read_a_body_without_a_token_but_not_ask_who_they_are()
    {
        using var anonymous = cycle.CreateClient(token: null);

        var body = await anonymous.GetAsync($"/api/cycle/bodies/{Guid.NewGuid()}");
        var me = await anonymous.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.NotFound, body.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }
}
