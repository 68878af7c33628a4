using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Concordat.Subscriptions.FanOut;
using StandardWebhooks;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>
/// A delivery as it goes on the wire: the event as a CloudEvents 1.0 structured JSON document (the CNCF SDK), signed per
/// Standard Webhooks (its library): <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c>, with one
/// <c>v1,</c> signature per secret that signs now (two during a rotation's overlap).
/// </summary>
public static class WebhookMessage
{
    public const string MediaType = "application/cloudevents+json";

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The CloudEvents document for <paramref name="heard"/>: the same bytes on every attempt.</summary>
    public static byte[] Body(PublicEvent heard)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = heard.Id.ToString(),
            Source = new Uri(heard.Source, UriKind.RelativeOrAbsolute),
            Type = heard.Type,
            Subject = heard.Subject,
            Time = heard.OccurredAt,
            DataContentType = "application/json",
            Data = JsonDocument.Parse(heard.Data).RootElement.Clone(),
        };
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }

    /// <summary>The <c>webhook-signature</c> value: each secret's <c>v1,</c> signature, space-separated.</summary>
    public static string Signature(string messageId, DateTimeOffset timestamp, byte[] body, IEnumerable<string> secrets)
    {
        var payload = Encoding.UTF8.GetString(body);
        return string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, payload)));
    }

    /// <summary>The request for one attempt, its timestamp <paramref name="now"/>.</summary>
    public static HttpRequestMessage Request(Uri url, string messageId, DateTimeOffset now, byte[] body, IEnumerable<string> secrets)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", Signature(messageId, now, body, secrets));
        return request;
    }
}
