namespace Concordat.DevIssuer;

/// <summary>Section <c>DevIssuer</c>: where the key is, and the clients allowed to sign people in.</summary>
public sealed class DevIssuerOptions
{
    public const string Section = "DevIssuer";

    /// <summary>The development issuer's key folder (the app host passes <c>.concordat/dev-issuer</c>), shared with <c>./concordat token</c>.</summary>
    public string KeyFolder { get; set; } = Path.Combine(".concordat", "dev-issuer");

    /// <summary>The clients, by <c>client_id</c>: a confidential one has a secret, a public one none (PKCE only).</summary>
    public Dictionary<string, DevClient> Clients { get; set; } = [];

    /// <summary>How long an access token (and the ID token) lasts; the web's session ends with it.</summary>
    public int TokenMinutes { get; set; } = 60;
}

/// <summary>A client of the development provider.</summary>
public sealed class DevClient
{
    /// <summary>The client secret; empty for a public client, which proves itself with PKCE alone.</summary>
    public string? Secret { get; set; }

    /// <summary>The exact <c>redirect_uri</c> values accepted; anything else is refused without redirecting.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Where the sign-out endpoint may send the browser back to.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    public bool IsPublic => string.IsNullOrEmpty(Secret);
}
