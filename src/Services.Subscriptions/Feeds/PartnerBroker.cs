using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Concordat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Feeds;

/// <summary>The broker could not be asked: the feed is not changed, and the caller is told to try again.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Provisions partners' feeds on the platform's RabbitMQ through its management HTTP API (connection string
/// <c>messaging-management</c>, e.g. <c>http://admin:password@rabbitmq:15672/</c>): a user per feed whose permissions in
/// the platform's virtual host are configure <c>^$</c>, write <c>^$</c> and read only its own queue; the queue (durable,
/// capped so a partner that stops reading cannot fill the broker); and its bindings to the public exchanges. Every call is
/// idempotent, so a provisioning interrupted half-way is finished by trying again.
/// </summary>
public sealed class PartnerBroker
{
    private readonly HttpClient _http;
    private readonly IOptionsMonitor<SubscriptionsOptions> _options;

    public PartnerBroker(HttpClient http, IConfiguration configuration, IOptionsMonitor<SubscriptionsOptions> options)
    {
        _http = http;
        _options = options;
        var messaging = configuration.GetConnectionString(ResourceNames.Messaging) is { Length: > 0 } amqp ? new Uri(amqp) : null;
        VirtualHost = messaging is null ? "/" : VirtualHostOf(messaging);
        PartnerAddress = options.CurrentValue.Amqp.PartnerAddress
            ?? (messaging is null ? null : new UriBuilder(messaging) { UserName = "", Password = "" }.Uri);
        if (configuration.GetConnectionString(ResourceNames.MessagingManagement) is { Length: > 0 } management)
        {
            var uri = new Uri(management);
            _http.BaseAddress = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
            IsConfigured = true;
        }
    }

    /// <summary>Whether this instance offers AMQP feeds: it has the management API's address.</summary>
    public bool IsConfigured { get; }

    /// <summary>The platform's virtual host, where the exchanges and partners' queues are.</summary>
    public string VirtualHost { get; }

    /// <summary>The address partners connect to, without credentials.</summary>
    public Uri? PartnerAddress { get; }

    /// <summary>The virtual host an <c>amqp://</c> URI names: its path, <c>/</c> when none.</summary>
    public static string VirtualHostOf(Uri amqp) =>
        amqp.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

    /// <summary>A password for a partner's user: 32 random bytes, base64url.</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The exchanges, the user with its permissions, the queue and its bindings.</summary>
    public async Task ProvisionAsync(AmqpFeed feed, string password, CancellationToken cancellationToken)
    {
        var amqp = _options.CurrentValue.Amqp;
        await EnsureExchangesAsync(cancellationToken);
        await SetPasswordAsync(feed.UserName, password, cancellationToken);
        await SendAsync(HttpMethod.Put, $"api/permissions/{Escape(VirtualHost)}/{Escape(feed.UserName)}",
            new { configure = "^$", write = "^$", read = $"^{System.Text.RegularExpressions.Regex.Escape(feed.Queue)}$" }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"api/queues/{Escape(VirtualHost)}/{Escape(feed.Queue)}",
            new { durable = true, auto_delete = false, arguments = new Dictionary<string, object> { ["x-max-length"] = amqp.QueueMaxLength, ["x-overflow"] = "drop-head" } },
            cancellationToken);
        if (feed.FiltersBeyondType)
        {
            await BindAsync(amqp.FilteredExchange, feed.Queue, feed.Queue, cancellationToken);
        }
        else
        {
            foreach (var type in feed.EventTypes)
            {
                await BindAsync(amqp.Exchange, feed.Queue, AmqpFeed.BindingKey(type), cancellationToken);
            }
        }
    }

    /// <summary>The topic exchange for every public event, and the direct one for feeds the service routes by name.</summary>
    public async Task EnsureExchangesAsync(CancellationToken cancellationToken)
    {
        var amqp = _options.CurrentValue.Amqp;
        await SendAsync(HttpMethod.Put, $"api/exchanges/{Escape(VirtualHost)}/{Escape(amqp.Exchange)}", new { type = "topic", durable = true, auto_delete = false }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"api/exchanges/{Escape(VirtualHost)}/{Escape(amqp.FilteredExchange)}", new { type = "direct", durable = true, auto_delete = false }, cancellationToken);
    }

    /// <summary>Creates the user, or changes its password (its open connections stay open).</summary>
    public Task SetPasswordAsync(string user, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/users/{Escape(user)}", new { password, tags = "" }, cancellationToken);

    /// <summary>Removes the user (closing its connections) and the queue; what is already gone is no error.</summary>
    public async Task DeprovisionAsync(AmqpFeed feed, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Delete, $"api/users/{Escape(feed.UserName)}", null, cancellationToken, missingIsFine: true);
        await SendAsync(HttpMethod.Delete, $"api/connections/username/{Escape(feed.UserName)}", null, cancellationToken, missingIsFine: true);
        await SendAsync(HttpMethod.Delete, $"api/queues/{Escape(VirtualHost)}/{Escape(feed.Queue)}", null, cancellationToken, missingIsFine: true);
    }

    private Task BindAsync(string exchange, string queue, string routingKey, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/bindings/{Escape(VirtualHost)}/e/{Escape(exchange)}/q/{Escape(queue)}", new { routing_key = routingKey, arguments = new { } }, cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool missingIsFine = false)
    {
        if (!IsConfigured)
        {
            throw new BrokerUnavailableException("This instance offers no AMQP feeds (no ConnectionStrings:messaging-management).");
        }

        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new BrokerUnavailableException("The broker's management API did not answer.", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode || (missingIsFine && response.StatusCode == HttpStatusCode.NotFound))
            {
                return;
            }

            throw new BrokerUnavailableException($"The broker's management API answered {(int)response.StatusCode} to {method} {path.Split('/')[1]}.");
        }
    }
}
