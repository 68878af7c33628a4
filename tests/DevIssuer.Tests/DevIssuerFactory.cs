using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.DevIssuer.Tests;

/// <summary>The development provider with a throwaway key, a confidential client (the web's) and a public one.</summary>
public sealed class DevIssuerFactory : WebApplicationFactory<Program>
{
    public const string WebClient = "concordat-web";
    public const string WebSecret = "a-secret-for-tests";
    public const string WebRedirect = "http://localhost:5080/signin-oidc";
    public const string PublicClient = "a-public-app";
    public const string PublicRedirect = "http://127.0.0.1:7890/callback";

    public string KeyFolder { get; } = Path.Combine(Path.GetTempPath(), "concordat-dev-issuer-" + Guid.NewGuid().ToString("N"));

    public string Environment { get; init; } = "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("DevIssuer:KeyFolder", KeyFolder);
        builder.UseSetting($"DevIssuer:Clients:{WebClient}:Secret", WebSecret);
        builder.UseSetting($"DevIssuer:Clients:{WebClient}:RedirectUris:0", WebRedirect);
        builder.UseSetting($"DevIssuer:Clients:{WebClient}:PostLogoutRedirectUris:0", "http://localhost:5080/signout-callback-oidc");
        builder.UseSetting($"DevIssuer:Clients:{PublicClient}:RedirectUris:0", PublicRedirect);
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(KeyFolder))
        {
            Directory.Delete(KeyFolder, recursive: true);
        }
    }
}

/// <summary>A PKCE pair (RFC 7636, S256), as a client makes one.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}
