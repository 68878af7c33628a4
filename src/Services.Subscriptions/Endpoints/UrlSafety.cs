using System.Net;
using System.Net.Sockets;

namespace Concordat.Subscriptions.Endpoints;

/// <summary>
/// Server-side request forgery: where a webhook may be sent. Checked when an endpoint is registered and again on every
/// connection, after DNS resolution (<see cref="ConnectAsync"/>), so a name that later resolves inside the network is
/// refused too. Allowed hosts (<see cref="SubscriptionsOptions.AllowedHosts"/>) are the operator's exceptions.
/// </summary>
public static class UrlSafety
{
    /// <summary>Why an address may not be called, or null when it may.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [169, 254, 169, 254] => "metadata",
                [169, 254, ..] => "link-local",
                [10, ..] => "private (RFC 1918)",
                [172, >= 16 and <= 31, ..] => "private (RFC 1918)",
                [192, 168, ..] => "private (RFC 1918)",
                [0, ..] => "unspecified",
                [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT)",
                [>= 224, ..] => "multicast or reserved",
                _ => null,
            };
        }

        if (address.IsIPv6LinkLocal)
        {
            return "link-local";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "unique-local";
        }

        if (address.IsIPv6SiteLocal)
        {
            return "site-local";
        }

        if (address.IsIPv6Multicast)
        {
            return "multicast or reserved";
        }

        // fd00:ec2::254, the IPv6 instance metadata address, is unique-local and refused above.
        return null;
    }

    public static bool IsAllowedHost(string host, SubscriptionsOptions options) =>
        options.AllowedHosts.Any(h => string.Equals(h.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="url"/> may not be registered (for the <c>url</c> field), or null when it may.</summary>
    public static async Task<string?> CheckAsync(string? url, SubscriptionsOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Give the endpoint's absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && options.AllowHttp))
        {
            return options.AllowHttp ? "The URL must be https or http." : "The URL must be https.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL may not carry a user name or password.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "The URL may not have a fragment.";
        }

        if (IsAllowedHost(uri.IdnHost, options))
        {
            return null;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                return "The URL's host does not resolve.";
            }
        }

        if (addresses.Length == 0)
        {
            return "The URL's host does not resolve.";
        }

        return addresses.Select(Refusal).FirstOrDefault(r => r is not null) is { } refused
            ? $"The URL's host is a {refused} address, which webhooks may not be sent to."
            : null;
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to an address
    /// <see cref="Refusal"/> allows (any, for an allowed host); otherwise it fails with <see cref="RefusedAddressException"/>.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectAsync(Func<SubscriptionsOptions> options) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var allowed = IsAllowedHost(host, options());
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var permitted = allowed ? addresses : addresses.Where(a => Refusal(a) is null).ToArray();
            if (permitted.Length == 0)
            {
                throw new RefusedAddressException(addresses.Select(Refusal).FirstOrDefault(r => r is not null) ?? "unresolved");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

/// <summary>A delivery's host resolved only to addresses webhooks may not be sent to.</summary>
public sealed class RefusedAddressException(string addressClass) : Exception($"The host resolves to a {addressClass} address.")
{
    public string AddressClass { get; } = addressClass;
}
