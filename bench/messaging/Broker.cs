using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.Testing;

namespace Concordat.Bench.Messaging;

/// <summary>What the RabbitMQ management API says about the broker and a path's consumers, for the report.</summary>
internal static class Broker
{
    public static async Task<string> DescribeAsync()
    {
        using var http = Management();
        var overview = await http.GetFromJsonAsync<JsonElement>("api/overview");
        return $"RabbitMQ {overview.GetProperty("rabbitmq_version").GetString()} (Erlang {overview.GetProperty("erlang_version").GetString()})";
    }

    /// <summary>
    /// The queue <paramref name="service"/>'s consumer reads, its type (classic or quorum) and the consumer's prefetch
    /// count: how many messages it may hold unacknowledged, which bounds how many it consumes at once.
    /// </summary>
    public static async Task<string> DescribeQueueAsync(string virtualHost, string service)
    {
        using var http = Management();
        var vhost = Uri.EscapeDataString(virtualHost);
        var queues = (await http.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}")).EnumerateArray()
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("type").GetString());
        var consumers = (await http.GetFromJsonAsync<JsonElement>($"api/consumers/{vhost}")).EnumerateArray()
            .Select(c => (Queue: c.GetProperty("queue").GetProperty("name").GetString()!, Prefetch: c.GetProperty("prefetch_count").GetInt32()))
            .Where(c => c.Queue.StartsWith(service + "-", StringComparison.Ordinal))
            .Select(c => $"{c.Queue} ({queues.GetValueOrDefault(c.Queue) ?? "?"}), prefetch {c.Prefetch}")
            .ToList();
        return consumers.Count == 0 ? $"no consumer of {service} seen" : string.Join("; ", consumers);
    }

    private static HttpClient Management()
    {
        var uri = TestServers.RabbitMqManagement;
        var http = new HttpClient { BaseAddress = new UriBuilder(uri) { UserName = "", Password = "" }.Uri };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo)));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return http;
    }
}
