using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.LocalServers;

/// <summary>
/// A local stand-in for a council's identity provider: an RSA key pair in a folder (the private key as
/// PEM, readable by its owner only, and the public key as <c>jwks.json</c>) that signs bearer tokens the
/// services validate exactly as they would a real provider's. Used by the app host (which gives its public key to every service), the command line (<c>token</c>)
/// and by tests, so both mint tokens the same way. Never for production: whoever can read the folder can
/// sign any token.
/// </summary>
public sealed class DevelopmentIssuer
{
    /// <summary>The <c>iss</c> of every development token.</summary>
    public const string DefaultIssuer = "concordat-dev";

    /// <summary>The <c>aud</c> every Concordat service expects unless configured otherwise.</summary>
    public const string DefaultAudience = "concordat";

    private const string PrivateKeyFileName = "signing-key.pem";
    private const string KeysFileName = "jwks.json";

    private readonly RsaSecurityKey _signingKey;

    private DevelopmentIssuer(string folder, RSA rsa, string keyId)
    {
        Folder = folder;
        KeyId = keyId;
        _signingKey = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>The folder holding the key pair.</summary>
    public string Folder { get; }

    /// <summary>The <c>kid</c>: the key's RFC 7638 thumbprint.</summary>
    public string KeyId { get; }

    public string Issuer { get; init; } = DefaultIssuer;

    /// <summary>The public key set the services are given (<c>Auth__SigningKeysFile</c>).</summary>
    public string SigningKeysFile => Path.Combine(Folder, KeysFileName);

    /// <summary>
    /// The configuration a service or the gateway needs to accept this issuer's tokens, with
    /// environment variable names (<c>Auth__Issuer</c> …).
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>
    {
        ["Auth__Issuer"] = Issuer,
        ["Auth__Audience"] = DefaultAudience,
        ["Auth__SigningKeysFile"] = SigningKeysFile,
    };

    /// <summary>Loads the key pair in <paramref name="folder"/>, or generates one there when there is none.</summary>
    public static DevelopmentIssuer LoadOrCreate(string folder) =>
        File.Exists(Path.Combine(folder, PrivateKeyFileName)) && File.Exists(Path.Combine(folder, KeysFileName))
            ? Load(folder)
            : Create(folder);

    /// <summary>Generates a new RSA 2048 key pair in <paramref name="folder"/>, replacing any there.</summary>
    public static DevelopmentIssuer Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create(2048);
        var keyId = KeyIdOf(rsa);
        WritePrivate(Path.Combine(folder, PrivateKeyFileName), rsa.ExportPkcs8PrivateKeyPem());

        var publicKey = rsa.ExportParameters(includePrivateParameters: false);
        var keys = new
        {
            keys = new[]
            {
                new
                {
                    kty = "RSA",
                    use = "sig",
                    alg = SecurityAlgorithms.RsaSha256,
                    kid = keyId,
                    n = Base64UrlEncoder.Encode(publicKey.Modulus),
                    e = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        };
        File.WriteAllText(Path.Combine(folder, KeysFileName), JsonSerializer.Serialize(keys));
        return new DevelopmentIssuer(folder, rsa, keyId);
    }

    /// <summary>Loads the key pair a running app host made in <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no key pair there (the platform was never started).</exception>
    public static DevelopmentIssuer Load(string folder)
    {
        var privateKey = Path.Combine(folder, PrivateKeyFileName);
        if (!File.Exists(privateKey))
        {
            throw new FileNotFoundException($"No development issuer key in {folder}: start the platform first (`up`).", privateKey);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(privateKey));
        return new DevelopmentIssuer(folder, rsa, KeyIdOf(rsa));
    }

    /// <summary>The public key, as PEM (tests use it to forge a token signed with it as an HMAC secret).</summary>
    public string ExportPublicKeyPem() => _signingKey.Rsa.ExportSubjectPublicKeyInfoPem();

    /// <summary>A signed JWT (RS256) for <paramref name="request"/>.</summary>
    public string IssueToken(TokenRequest request) =>
        IssueToken(request, new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256));

    /// <summary>A JWT for <paramref name="request"/> signed with <paramref name="credentials"/>; tests forge refused tokens with it.</summary>
    public string IssueToken(TokenRequest request, SigningCredentials credentials)
    {
        var now = request.IssuedAt ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString(),
        };
        if (request.Subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = request.Subject;
        }

        if (request.ClientId is not null)
        {
            claims["client_id"] = request.ClientId;
        }

        if (request.Roles.Count > 0)
        {
            claims["role"] = request.Roles.ToArray();
        }

        if (request.Bodies.Count > 0)
        {
            claims["body"] = request.Bodies.ToArray();
        }

        if (request.Organisation is not null)
        {
            claims["organisation"] = request.Organisation;
        }

        if (request.Name is not null)
        {
            claims[JwtRegisteredClaimNames.Name] = request.Name;
        }

        foreach (var (type, value) in request.OtherClaims)
        {
            claims[type] = value;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? Issuer,
            Audience = request.Audience ?? DefaultAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    private static string KeyIdOf(RSA rsa)
    {
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        return Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
    }

    private static void WritePrivate(string path, string contents)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created owner-only rather than narrowed afterwards, so the key is never readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(contents);
    }
}

/// <summary>What a development token says: the claims model every Concordat service reads.</summary>
public sealed record TokenRequest
{
    /// <summary><c>sub</c>: who the token is for; null leaves it out, as some identity providers do for a machine client.</summary>
    public string? Subject { get; init; } = "dev-user";

    /// <summary>
    /// What <c>./concordat token</c> asks for: <paramref name="subject"/> if given, otherwise one made for this token
    /// (<c>dev-platform_admin-1f2e3d4c</c>), so two scripts never share an audit identity or a rate budget.
    /// </summary>
    public static TokenRequest ForCommandLine(IReadOnlyList<string> roles, string? subject) => new()
    {
        Roles = roles,
        Subject = subject ?? $"dev-{string.Join('-', roles)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}",
    };

    /// <summary><c>client_id</c>: the machine client a client-credentials token was issued to.</summary>
    public string? ClientId { get; init; }

    /// <summary><c>role</c>: <c>platform_admin</c>, <c>clerk</c>, <c>member</c>, <c>chair</c>, <c>scrutiny_officer</c>, <c>partner</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary><c>body</c>: the bodies (ids) the roles are scoped to.</summary>
    public IReadOnlyList<string> Bodies { get; init; } = [];

    /// <summary><c>organisation</c>: the organisation (id) the caller acts for.</summary>
    public string? Organisation { get; init; }

    /// <summary><c>name</c>: a display name.</summary>
    public string? Name { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Overrides for tests of refused tokens (a past issue time, another audience or issuer).</summary>
    public DateTime? IssuedAt { get; init; }

    public string? Audience { get; init; }

    public string? Issuer { get; init; }

    /// <summary>Further claims, e.g. an ID token's <c>nonce</c> and <c>auth_time</c> (the development OpenID Connect provider).</summary>
    public IReadOnlyDictionary<string, object> OtherClaims { get; init; } = new Dictionary<string, object>();
}
