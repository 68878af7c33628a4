using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Concordat.Gateway;

/// <summary>
/// The gateway is the public edge, so unlike the services behind it, it believes <c>X-Forwarded-*</c>
/// headers only from the proxies listed in <c>Gateway:TrustedProxies</c> (addresses or CIDR networks,
/// e.g. an ingress controller's). Otherwise any client could name itself a fresh address per request and
/// escape its rate limit. With none listed (the default), the connection's own address is the client's.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Gateway:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var trusted = builder.Configuration.GetSection(Section).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in trusted.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Section} holds '{entry}', which is neither an IP address nor a CIDR network.");
            }
        }

        // Runs after ServiceDefaults' settings (which trust every sender, right for a service behind the gateway).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (proxies.Count == 0 && networks.Count == 0)
            {
                // Empty lists would mean "trust everyone" to the middleware: turn it off instead.
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // Walk back through X-Forwarded-For while the sender is a trusted proxy, and stop at the first
            // address that is not one: that is the client, and whatever it wrote further left is ignored.
            options.ForwardLimit = null;
        });
        return builder;
    }
}
