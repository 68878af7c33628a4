using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Concordat.LocalServers;

/// <summary>
/// The few calls of RabbitMQ's management HTTP API that Concordat's app host, command line and tests make:
/// is it up, make or remove a vhost, how many messages wait in a queue.
/// </summary>
public sealed class RabbitMqManagement : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="managementUri">The API's root with credentials, e.g. <c>http://guest:guest@127.0.0.1:15672/</c>.</param>
    public RabbitMqManagement(Uri managementUri)
    {
        _http = new HttpClient { BaseAddress = new UriBuilder(managementUri) { UserName = "", Password = "" }.Uri, Timeout = TimeSpan.FromSeconds(10) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(managementUri.UserInfo)));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
    }

    /// <summary>True when the API answers (the broker has booted far enough to serve it).</summary>
    public async Task<bool> IsUpAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("api/overview", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Creates <paramref name="virtualHost"/> if missing and lets <paramref name="user"/> do anything in it.</summary>
    public async Task EnsureVirtualHostAsync(string virtualHost, string user, CancellationToken cancellationToken = default)
    {
        var escaped = Uri.EscapeDataString(virtualHost);
        (await _http.PutAsync($"api/vhosts/{escaped}", null, cancellationToken)).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/permissions/{escaped}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" }, cancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string virtualHost, CancellationToken cancellationToken = default)
    {
        using var _ = await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(virtualHost)}", cancellationToken);
    }

    /// <summary>Messages ready and unacknowledged in a queue, or null when the queue does not exist.</summary>
    public async Task<(long Ready, long Unacknowledged)?> QueueDepthAsync(string virtualHost, string queue, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        // Statistics arrive a moment after a queue is declared; until then the counts are absent.
        long Count(string name) => body.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        return (Count("messages_ready"), Count("messages_unacknowledged"));
    }

    public void Dispose() => _http.Dispose();
}
