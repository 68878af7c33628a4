namespace Concordat.Web.SignIn;

/// <summary>
/// Section <c>Web:SignIn</c>: the OpenID Connect provider people sign in at (the council's identity provider; the
/// development provider under the app host). Without an authority nobody can sign in and pages that need a person
/// answer 401.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Web:SignIn";

    /// <summary>The provider's address; its <c>/.well-known/openid-configuration</c> gives the rest.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Whether discovery must use HTTPS; only the local development provider turns this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// A folder for the keys that protect the sign-in cookie, shared by every replica (a mounted volume); empty keeps
    /// them where ASP.NET Core does by default, which is enough for one process.
    /// </summary>
    public string? KeysFolder { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
