using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Concordat.DevIssuer;

/// <summary>
/// An OpenID Connect authorization request (code flow), as the page receives it in the address and posts it back in
/// hidden fields. PKCE with S256 is required of every client.
/// </summary>
public sealed record AuthorizationRequest(
    string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State, string? Nonce, string? CodeChallenge, string? CodeChallengeMethod)
{
    /// <summary>The parameters carried through the page, by their wire names.</summary>
    public IEnumerable<(string Name, string? Value)> Parameters =>
    [
        ("client_id", ClientId), ("redirect_uri", RedirectUri), ("response_type", ResponseType), ("scope", Scope), ("state", State),
        ("nonce", Nonce), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod),
    ];

    public static AuthorizationRequest From(Func<string, StringValues> read)
    {
        string? One(string name) => read(name) is { Count: > 0 } values ? values[0] : null;
        return new(One("client_id"), One("redirect_uri"), One("response_type"), One("scope"), One("state"), One("nonce"),
            One("code_challenge"), One("code_challenge_method"));
    }

    /// <summary>
    /// Why the request cannot even be answered at its <c>redirect_uri</c> (an unknown client, or an address not
    /// registered for it): such an error is shown, never redirected, so the page cannot be used to send people elsewhere.
    /// </summary>
    public string? UnanswerableBecause(DevIssuerOptions options) =>
        ClientId is null || !options.Clients.TryGetValue(ClientId, out var client) ? "The client is not one this development provider knows."
        : RedirectUri is null || !client.RedirectUris.Contains(RedirectUri, StringComparer.Ordinal) ? "The redirect address is not registered for this client."
        : null;

    /// <summary>The OAuth error to send back to the client, or null when the request is good.</summary>
    public (string Error, string Description)? Refusal() =>
        ResponseType != "code" ? ("unsupported_response_type", "Only the authorization code flow (response_type=code) is supported.")
        : !(Scope ?? "").Split(' ').Contains("openid") ? ("invalid_scope", "The scope must include openid.")
        : string.IsNullOrEmpty(CodeChallenge) || CodeChallengeMethod != "S256" ? ("invalid_request", "PKCE is required, with code_challenge_method=S256.")
        : null;

    /// <summary>The client's redirect address with the answer's parameters added.</summary>
    public string Answer(params (string Name, string? Value)[] parameters)
    {
        var address = RedirectUri!;
        foreach (var (name, value) in parameters.Append(("state", State)))
        {
            if (value is not null)
            {
                address = QueryHelpers.AddQueryString(address, name, value);
            }
        }

        return address;
    }
}
