using System.Text;
using Concordat.LocalServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Testing;

/// <summary>
/// A throwaway development issuer (the launcher's, with a key made for this test run) and the tokens tests
/// need: valid ones, and the kinds a service must refuse.
/// </summary>
public sealed class TestIssuer : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "concordat-issuer-" + Guid.NewGuid().ToString("N"));

    public TestIssuer() => Issuer = DevelopmentIssuer.Create(_folder);

    public DevelopmentIssuer Issuer { get; }

    /// <summary>Points a hosted service's <c>Auth</c> section at this issuer.</summary>
    public void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Issuer", Issuer.Issuer);
        builder.UseSetting("Auth:Audience", DevelopmentIssuer.DefaultAudience);
        builder.UseSetting("Auth:SigningKeysFile", Issuer.SigningKeysFile);
    }

    /// <summary>A valid token for <paramref name="request"/> (by default a clerk).</summary>
    public string Token(TokenRequest? request = null) => Issuer.IssueToken(request ?? new TokenRequest { Roles = ["clerk"] });

    /// <summary>An unsigned token (<c>alg: none</c>), made by hand as an attacker would.</summary>
    public static string UnsignedToken(string subject = "intruder")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"{{subject}}","iss":"{{DevelopmentIssuer.DefaultIssuer}}","aud":"{{DevelopmentIssuer.DefaultAudience}}","role":["platform_admin"],"iat":{{now}},"nbf":{{now}},"exp":{{now + 3600}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>An HS256 token whose secret is the issuer's public key: the classic algorithm-confusion forgery.</summary>
    public string SignedWithPublicKeyAsSecret(TokenRequest? request = null) => Issuer.IssueToken(
        request ?? new TokenRequest { Roles = ["platform_admin"] },
        new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Issuer.ExportPublicKeyPem())), SecurityAlgorithms.HmacSha256));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
