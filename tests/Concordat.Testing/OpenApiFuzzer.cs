using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Concordat.Testing;

/// <summary>
/// Sends hostile values to every operation of a served OpenAPI document and reports each answer that is a 5xx, an
/// error that is not <c>application/problem+json</c>, or a problem that names a .NET type. The values: NUL and other
/// control characters, lone surrogates, <c>null</c> list elements, huge and negative numbers, bad dates, ids and
/// words, wrong types, deep nesting and a 1 MB string, in the path, the query and the JSON body. Deterministic: the
/// same document and seed send the same requests, so a failure reproduces.
/// </summary>
public sealed partial class OpenApiFuzzer(HttpClient client, int seed = 11)
{
    private const int MaxFailuresReported = 40;

    private static readonly string[] HostileTexts =
    [
        "\0", "a\0b", "\u0001", "line\nbreak", "\u001b[31m", "%", "_", "\\", "' OR '1'='1", "",
        "-1", "0", "99999999999999999999", "-99999999999999999999", "1e309", "NaN",
        "9999-99-99", "2026-02-30", "not-a-date", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
        "not_a_word", "true", "\u202e", new string('x', 5000),
    ];

    private static readonly string[] HostileJson =
    [
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\"", "\"a\\ud800b\"", "\"\\udc00\"", "null", "[null]", "[null,null]",
        "99999999999999999999", "-99999999999999999999", "-1", "-2147483649", "1.5", "1e308", "true", "{}", "[]", "[{}]",
        "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"2026-13-45\"", "\"9999-12-31T99:00:00Z\"",
        "\"not_a_word\"", "\"\"", Nested(200), "{\"a\":" + Nested(100) + "}",
    ];

    private readonly Random _random = new(seed);
    private readonly List<string> _failures = [];
    private JsonNode _document = null!;

    public int Sent { get; private set; }

    /// <summary>Fuzzes every operation of the document at <paramref name="documentPath"/>; the failures, described.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(string documentPath = "/openapi/v1.json")
    {
        _document = JsonNode.Parse(await client.GetStringAsync(documentPath))!;
        var paths = _document["paths"]?.AsObject() ?? [];
        foreach (var (template, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "get" or "put" or "post" or "delete" or "patch")
                {
                    await FuzzOperationAsync(method.ToUpperInvariant(), template, operation!.AsObject());
                }
            }
        }

        return _failures;
    }

    private async Task FuzzOperationAsync(string method, string template, JsonObject operation)
    {
        var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(p)).OfType<JsonNode>().ToList();
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").ToList();
        var queryParameters = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        var body = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"]);
        var validPath = FillPath(template, pathParameters, null, null);
        var sample = body is null ? null : Sample(body, 0)?.ToJsonString();

        // The operation with plausible values, then each path parameter and each query parameter made hostile.
        await SendAsync(method, validPath, sample, "plausible values");
        foreach (var parameter in pathParameters)
        {
            // A NUL in the path never reaches a service: Kestrel refuses it (400, documented in docs/security.md).
            foreach (var value in Pick(HostileTexts, 6).Where(v => !v.Contains('\0', StringComparison.Ordinal)))
            {
                await SendAsync(method, FillPath(template, pathParameters, (string)parameter["name"]!, value), sample, $"path {parameter["name"]}");
            }
        }

        foreach (var name in queryParameters)
        {
            foreach (var value in Pick(HostileTexts, 10))
            {
                await SendAsync(method, $"{validPath}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}", sample, $"query {name}");
            }

            await SendAsync(method, $"{validPath}?{Uri.EscapeDataString(name)}=%ED%A0%80", sample, $"query {name} (a lone surrogate's bytes)");
        }

        if (body is null)
        {
            return;
        }

        // The body: as a whole, then each field (and each field of a list's first element) made hostile.
        foreach (var whole in new[] { "null", "[]", "\"text\"", "{", "{\"a\":1,}", Nested(10_000), "{\"name\":\"" + new string('x', 1024 * 1024) + "\"}" })
        {
            await SendAsync(method, validPath, whole, "whole body");
        }

        await SendAsync(method, validPath, sample, "as text/plain", "text/plain");
        var fields = Fields(body, "", 0).ToList();
        var big = true;
        foreach (var field in fields)
        {
            foreach (var value in Pick(HostileJson, 8))
            {
                await SendAsync(method, validPath, Replace(body, field, value), $"body {field}");
            }

            if (big && field.EndsWith("name", StringComparison.OrdinalIgnoreCase))
            {
                big = false;
                await SendAsync(method, validPath, Replace(body, field, "\"" + new string('y', 1024 * 1024) + "\""), $"body {field} of 1 MB");
            }
        }
    }

    private async Task SendAsync(string method, string url, string? json, string what, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null && method is not "GET" and not "DELETE")
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        if (method is "PUT" or "DELETE" or "PATCH" || url.EndsWith("/end", StringComparison.Ordinal) || url.EndsWith("/dissolution", StringComparison.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        }

        Sent++;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            Fail($"{method} {Short(url)} [{what}]: the request failed: {e.Message}");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                Fail($"{method} {Short(url)} [{what}]: {status} {Short(text)}");
            }
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                Fail($"{method} {Short(url)} [{what}]: {status} as '{response.Content.Headers.ContentType}', not a problem");
            }
            else if (status >= 400 && DotnetType().Match(text) is { Success: true } type)
            {
                Fail($"{method} {Short(url)} [{what}]: {status} names a .NET type ('{type.Value}'): {Short(text)}");
            }
        }
    }

    private void Fail(string failure)
    {
        if (_failures.Count < MaxFailuresReported)
        {
            _failures.Add(failure);
        }
    }

    /// <summary>Up to <paramref name="count"/> of <paramref name="values"/>, chosen by the seeded generator.</summary>
    private IEnumerable<string> Pick(string[] values, int count) =>
        values.Length <= count ? values : values.OrderBy(_ => _random.Next()).Take(count).ToList();

    private string FillPath(string template, List<JsonNode> parameters, string? hostile, string? value)
    {
        var path = template;
        foreach (var parameter in parameters)
        {
            var name = (string)parameter["name"]!;
            var schema = Resolve(parameter["schema"]);
            var text = name == hostile ? value! : Sample(schema ?? new JsonObject(), 0) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "1";
            if (name == "collection" && name != hostile)
            {
                text = "organisations";
            }

            path = path.Replace("{" + name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>The JSON paths of the fields of <paramref name="schema"/>: <c>name</c>, <c>affiliations.0.title</c>.</summary>
    private IEnumerable<string> Fields(JsonNode schema, string prefix, int depth)
    {
        if (depth > 3 || Resolve(schema) is not { } resolved || resolved["properties"]?.AsObject() is not { } properties)
        {
            yield break;
        }

        foreach (var (name, property) in properties)
        {
            var path = prefix + name;
            yield return path;
            var field = Resolve(property);
            if (TypeOf(field) == "array" && Resolve(field?["items"]) is { } items && TypeOf(items) == "object")
            {
                foreach (var nested in Fields(items, path + ".0.", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private string Replace(JsonNode schema, string field, string json)
    {
        var document = Sample(schema, 0)!;
        var parts = field.Split('.');
        var node = document;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node.AsArray()[index]! : node[parts[i]]!;
        }

        // The hostile text is spliced in as written: a lone surrogate escape cannot live in a JsonNode.
        const string Placeholder = "\"__hostile__\"";
        var last = parts[^1];
        if (node is JsonArray array && int.TryParse(last, out var at))
        {
            array[at] = "__hostile__";
        }
        else
        {
            node[last] = "__hostile__";
        }

        return document.ToJsonString().Replace(Placeholder, json, StringComparison.Ordinal);
    }

    /// <summary>A plausible value for <paramref name="schema"/>: what a careful client would send.</summary>
    private JsonNode? Sample(JsonNode schema, int depth)
    {
        var resolved = Resolve(schema);
        if (resolved is null || depth > 5)
        {
            return null;
        }

        if (resolved["enum"]?.AsArray() is { Count: > 0 } choices)
        {
            return choices.FirstOrDefault(c => c is not null)?.DeepClone();
        }

        return TypeOf(resolved) switch
        {
            "object" => new JsonObject((resolved["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(p.Value!, depth + 1)))),
            "array" => Sample(resolved["items"] ?? new JsonObject(), depth + 1) is { } item ? new JsonArray(item) : new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            "string" => (string?)resolved["format"] switch
            {
                "uuid" => JsonValue.Create(new Guid(_random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 16)).ToString()),
                "date" => JsonValue.Create("2026-01-01"),
                "date-time" => JsonValue.Create("2026-01-01T00:00:00Z"),
                "uri" => JsonValue.Create("https://example.org/"),
                "email" => JsonValue.Create("someone@example.org"),
                _ => JsonValue.Create("Fuzz " + _random.Next(1000).ToString(CultureInfo.InvariantCulture)),
            },
            _ => null,
        };
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema?["properties"] is not null ? "object" : null,
    };

    /// <summary>Follows <c>$ref</c>, and takes the first schema of <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> that is not null.</summary>
    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; schema is not null && hops < 20; hops++)
        {
            if ((string?)schema["$ref"] is { } reference)
            {
                schema = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode?>(_document, (n, part) => n?[part]);
                continue;
            }

            if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"])?.AsArray() is { } options)
            {
                schema = options.FirstOrDefault(o => o is not null && (string?)o["type"] != "null");
                continue;
            }

            return schema;
        }

        return schema;
    }

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\b(System|Microsoft|Concordat)\.[A-Z][\w.`]*|Nullable`|\bNullable<")]
    private static partial Regex DotnetType();
}
