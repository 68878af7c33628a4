using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Concordat.Contracts;
using Concordat.ServiceDefaults.Access;
using Concordat.Subscriptions.FanOut;

namespace Concordat.Subscriptions.AsyncApi;

/// <summary>
/// The AsyncAPI 3.0 document of the public events, generated from <c>src/Contracts</c> (the types partners may subscribe
/// to, <see cref="PublicEvents.Types"/>), so it cannot drift: each event a channel with its message, whose payload is the
/// CloudEvents document partners receive (the event's public form as <c>data</c>), by webhook: an HTTP <c>POST</c> with the
/// Standard Webhooks headers (the HTTP message binding), or from the partner's AMQP feed: the same document as the body of
/// a message on the topic exchange <c>concordat.public</c>, its routing key the channel's address (the AMQP bindings).
/// </summary>
public static class PublicAsyncApi
{
    public const string Path = "/asyncapi/public.json";

    /// <summary>The exchange the document names, the default; an operator may rename it (<c>Subscriptions:Amqp:Exchange</c>).</summary>
    private static readonly string Exchange = new AmqpFeedOptions().Exchange;

    public static IEndpointRouteBuilder MapPublicAsyncApi(this IEndpointRouteBuilder app)
    {
        var document = new Lazy<string>(() => Document().ToJsonString());
        app.MapGet(Path, () => TypedResults.Text(document.Value, "application/json")).Public().ExcludeFromDescription();
        return app;
    }

    public static JsonObject Document()
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var type in PublicEvents.Types.OrderBy(t => EventTypeAttribute.Of(t), StringComparer.Ordinal))
        {
            var eventType = EventTypeAttribute.Of(type);
            var name = type.Name;
            messages[name] = Message(type, eventType);
            channels[name] = new JsonObject
            {
                ["address"] = eventType,
                ["title"] = eventType,
                ["messages"] = new JsonObject { [name] = new JsonObject { ["$ref"] = $"#/components/messages/{name}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = Exchange, ["type"] = "topic", ["durable"] = true, ["autoDelete"] = false },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"receive{name}"] = new JsonObject
            {
                ["action"] = "receive",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{name}" },
                ["summary"] = $"A partner's webhook endpoint receives {eventType}, or its AMQP feed's queue does.",
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{name}/messages/{name}" }),
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject { ["deliveryMode"] = 2, ["ack"] = true, ["bindingVersion"] = "0.3.0" },
                },
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Concordat public events",
                ["version"] = "1.0.0",
                ["description"] = "What partners can subscribe to (docs/events.md, docs/subscriptions.md): each event as a CloudEvents 1.0 structured JSON document, "
                    + "delivered to a webhook signed per Standard Webhooks, or to a partner's AMQP feed (its own queue on the platform's broker).",
            },
            ["defaultContentType"] = "application/cloudevents+json",
            ["servers"] = new JsonObject
            {
                ["webhooks"] = new JsonObject { ["host"] = "partner.example", ["pathname"] = "/webhooks", ["protocol"] = "https", ["description"] = "The partner's endpoint, registered at /api/subscriptions/endpoints." },
                ["feeds"] = new JsonObject
                {
                    ["host"] = "rabbitmq.council.example:5671",
                    ["pathname"] = "/concordat",
                    ["protocol"] = "amqps",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The platform's broker, as a feed created at /api/subscriptions/feeds names it (address, virtual host, queue, user). "
                        + "The partner's user may read only its own queue, bound to the exchange by the feed's event types (or routed to by the service when the feed also filters by body, area or theme).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages },
        };
    }

    private static JsonObject Message(Type type, string eventType)
    {
        var data = JsonSerializerOptions.Web.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();
        if (data["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).Where(k => k is "eventId" or "source" or "instanceId" or "occurredAt" or "subject" or "type" || k.EndsWith("By", StringComparison.Ordinal)).ToList())
            {
                properties.Remove(name);
            }
        }

        if (data["required"] is JsonArray required)
        {
            foreach (var item in required.Where(r => r is not null && (data["properties"] as JsonObject)?.ContainsKey((string)r!) != true).ToList())
            {
                required.Remove(item);
            }
        }

        return new JsonObject
        {
            ["name"] = type.Name,
            ["title"] = eventType,
            ["contentType"] = "application/cloudevents+json",
            ["payload"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("specversion", "id", "source", "type", "time", "subject", "data"),
                ["properties"] = new JsonObject
                {
                    ["specversion"] = new JsonObject { ["type"] = "string", ["const"] = "1.0" },
                    ["id"] = new JsonObject { ["type"] = "string", ["description"] = "The event id (UUID v7)." },
                    ["source"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" },
                    ["type"] = new JsonObject { ["type"] = "string", ["const"] = eventType },
                    ["time"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                    ["subject"] = new JsonObject { ["type"] = "string" },
                    ["datacontenttype"] = new JsonObject { ["type"] = "string", ["const"] = "application/json" },
                    ["data"] = data,
                },
            },
            ["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject { ["contentEncoding"] = "utf-8", ["messageType"] = eventType, ["bindingVersion"] = "0.3.0" },
                ["http"] = new JsonObject
                {
                    ["headers"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("webhook-id", "webhook-timestamp", "webhook-signature"),
                        ["properties"] = new JsonObject
                        {
                            ["webhook-id"] = new JsonObject { ["type"] = "string", ["description"] = "The message id: the same on every attempt." },
                            ["webhook-timestamp"] = new JsonObject { ["type"] = "string", ["description"] = "Unix seconds of the attempt." },
                            ["webhook-signature"] = new JsonObject { ["type"] = "string", ["description"] = "Space-separated v1,<base64 HMAC-SHA256 of id.timestamp.body>, one per signing secret." },
                        },
                    },
                    ["bindingVersion"] = "0.3.0",
                },
            },
        };
    }
}
