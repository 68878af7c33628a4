using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.Gateway;

/// <summary>
/// Whom a request is counted against by the rate limits: the API key it presents (<c>X-Api-Key</c>), else
/// its <c>Authorization</c> header, else the address it comes from. Keys and tokens are kept only as hashes,
/// so no secret sits in the limiter's partitions, a log or a metric.
/// </summary>
/// <remarks>
/// The gateway does not validate keys or tokens yet, so an identified client is only a claim: the limits
/// also count every request against its <see cref="AddressOf">address</see>, which a client cannot invent.
/// </remarks>
public sealed record RequestClient(string PartitionKey, bool IsIdentified)
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly object ItemKey = new();

    /// <summary>The tag value metrics use: <c>identified</c> or <c>anonymous</c>, never the client itself.</summary>
    public string Kind => IsIdentified ? "identified" : "anonymous";

    /// <summary>The client of this request, worked out once per request.</summary>
    public static RequestClient Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is RequestClient client)
        {
            return client;
        }

        var headers = context.Request.Headers;
        client = headers[ApiKeyHeader].ToString() is { Length: > 0 } apiKey
            ? new RequestClient("api-key:" + Hash(apiKey), IsIdentified: true)
            : headers.Authorization.ToString() is { Length: > 0 } authorization
                ? new RequestClient("authorization:" + Hash(authorization), IsIdentified: true)
                : new RequestClient(AddressOf(context), IsIdentified: false);
        context.Items[ItemKey] = client;
        return client;
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

    private static string Hash(string secret) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
