using System.Net;
using System.Security.Claims;
using Concordat.ServiceDefaults;

namespace Concordat.Gateway;

/// <summary>
/// Whom a request is counted against by the rate limits: the identity its <em>validated</em> bearer token names,
/// else the address it comes from. Authentication runs before the limiter, so a token that does not validate
/// never gets this far (it is refused with 401), and no header a client can write (an invented token, an
/// <c>X-Api-Key</c>) buys it a budget of its own.
/// </summary>
public sealed record RequestClient(string PartitionKey, bool IsIdentified)
{
    private static readonly object ItemKey = new();

    /// <summary>The tag value metrics use: <c>identified</c> or <c>anonymous</c>, never the client itself.</summary>
    public string Kind => IsIdentified ? "identified" : "anonymous";

    /// <summary>The client of this request, worked out once per request, after authentication.</summary>
    public static RequestClient Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is RequestClient client)
        {
            return client;
        }

        client = IdentityOf(context.User) is { } identity
            ? new RequestClient(identity, IsIdentified: true)
            : new RequestClient(AddressOf(context), IsIdentified: false);
        context.Items[ItemKey] = client;
        return client;
    }

    /// <summary>
    /// The subject (<c>sub</c>) of a validated token; for a machine client's token without one, its client id
    /// (<c>client_id</c>, else <c>azp</c>). The subject comes first because a user's token often carries the
    /// client id of the application they signed in with, which all its users share.
    /// </summary>
    private static string? IdentityOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.FindFirstValue(ConcordatClaims.Subject) is { Length: > 0 } subject)
        {
            return "subject:" + subject;
        }

        return (user.FindFirstValue(ConcordatClaims.ClientId) ?? user.FindFirstValue(ConcordatClaims.AuthorizedParty)) is { Length: > 0 } clientId
            ? "client:" + clientId
            : null;
    }

    /// <summary>
    /// The address a request comes from, as the forwarded headers of trusted proxies settled it. An IPv6
    /// client counts as its /64 network, because one host is usually given a whole /64 and can move within it.
    /// </summary>
    public static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return $"address:{new IPAddress(bytes)}/64";
        }

        return $"address:{address}";
    }
}
