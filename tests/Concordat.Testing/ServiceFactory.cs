using System.Net.Http.Headers;
using Concordat.LocalServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Concordat.Testing;

/// <summary>
/// Hosts one service in the test process (<see cref="WebApplicationFactory{TEntryPoint}"/>) against the
/// real servers: its own database and vhost, made for this fixture and removed afterwards. The service trusts a
/// throwaway issuer (<see cref="Tokens"/>), and <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>
/// gives a client that acts as a platform administrator, so tests about other behaviour can write freely;
/// <see cref="CreateClient(string?)"/> gives one with another token, or none.
/// </summary>
public abstract class ServiceFactory<TProgram>(string databaseResource) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly string _database = TestServers.UniqueName(databaseResource);
    private string? _administratorToken;

    /// <summary>The subject of the default client's administrator token.</summary>
    public const string AdministratorSubject = "test-admin";

    /// <summary>The vhost this fixture's service uses.</summary>
    public string VirtualHost { get; } = TestServers.UniqueName("vhost");

    public string DatabaseConnectionString { get; private set; } = "";

    public Uri MessagingUri { get; private set; } = null!;

    /// <summary>The issuer the service trusts, to mint tokens for any caller.</summary>
    public TestIssuer Tokens { get; } = new();

    /// <summary>A platform administrator's token (valid for the issuer's default lifetime; a fixture lives far less).</summary>
    public string AdministratorToken => _administratorToken ??= Tokens.Token(new TokenRequest { Subject = AdministratorSubject, Roles = ["platform_admin"] });

    public async Task InitializeAsync()
    {
        DatabaseConnectionString = await TestServers.CreateDatabaseAsync(_database);
        MessagingUri = await TestServers.CreateVirtualHostAsync(VirtualHost);

        // Ready means migrated and connected, with every consumer's queue bound: a test that publishes
        // before then would lose its message to an exchange with no queue yet.
        using var client = CreateClient(token: null);
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            $"{typeof(TProgram).Assembly.GetName().Name} to be ready");
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token, or no token when null.</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateDefaultClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdministratorToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{databaseResource}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", MessagingUri.ToString());
        builder.UseSetting("Concordat:InstanceId", "test");
        builder.UseSetting("Concordat:BaseUri", "http://concordat.test/");
        Tokens.Configure(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Tokens.Dispose();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Tokens.Dispose();
        await TestServers.DropDatabaseAsync(_database);
        await TestServers.DeleteVirtualHostAsync(VirtualHost);
    }
}
