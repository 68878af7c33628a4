using System.Diagnostics.Metrics;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Gateway.Tests;

/// <summary>
/// The real gateway, hosted in the test process on Kestrel (a loopback port of its own, so bodies, lengths and
/// addresses behave as on the wire), with every service's address (and the web application's) pointing at one in-test <see cref="Backend"/>,
/// and trusting a throwaway token issuer as the services do. Each fixture sets the limits it tests through
/// configuration, as an operator would.
/// </summary>
public abstract class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public Backend Backend { get; private set; } = null!;

    /// <summary>The issuer this gateway trusts: its tokens are valid here.</summary>
    public TestIssuer Tokens { get; } = new();

    /// <summary>Configuration for this fixture's gateway, as <c>Section:Key</c> pairs.</summary>
    protected abstract IReadOnlyDictionary<string, string> Settings { get; }

    public async Task InitializeAsync()
    {
        Backend = await Backend.StartAsync();
        UseKestrel();
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var service in ResourceNames.Services.Append(ResourceNames.Web))
        {
            builder.UseSetting($"services:{service}:http:0", Backend.Address.ToString().TrimEnd('/'));
        }

        Tokens.Configure(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Counts the gateway's refusals by kind of client, from this gateway's meter only.</summary>
    public RefusalCounter CountRefusals() => new(Services.GetRequiredService<IMeterFactory>());

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Backend.DisposeAsync();
        Tokens.Dispose();
    }
}
