using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Concordat.Testing;

/// <summary>
/// Checks real answers against the served OpenAPI document, as a client generated from it would expect them: the
/// status must be one the operation documents, and the body must be valid against that status's schema (JSON Schema
/// 2020-12, the dialect of OpenAPI 3.1, evaluated by JsonSchema.Net with formats asserted). A check that found no
/// schema to use is a failure too, so nothing passes because it went unread.
/// </summary>
public sealed partial class OpenApiContract
{
    private readonly JsonObject _document;
    private readonly JsonObject _definitions;
    private readonly List<(Regex Path, string Template)> _templates;

    private OpenApiContract(JsonObject document)
    {
        _document = document;
        // Every component schema as a $defs entry of one root, so a $ref between them resolves without the document.
        _definitions = JsonNode.Parse(Rewrite(document["components"]?["schemas"]?.ToJsonString() ?? "{}"))!.AsObject();
        _templates = [.. (document["paths"]?.AsObject() ?? []).Select(p => (new Regex("^" + PathParameter().Replace(Regex.Escape(p.Key).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$"), p.Key))];
    }

    /// <summary>The operations the document describes, as (method, path template).</summary>
    public IEnumerable<(string Method, string Template)> Operations =>
        (_document["paths"]?.AsObject() ?? []).SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => (o.Key.ToUpperInvariant(), p.Key)));

    /// <summary>Reads the document served at <paramref name="documentPath"/>.</summary>
    public static async Task<OpenApiContract> LoadAsync(HttpClient client, string documentPath = "/openapi/v1.json") =>
        new(JsonNode.Parse(await client.GetStringAsync(documentPath))!.AsObject());

    /// <summary>
    /// Sends every operation once, on the path <paramref name="fill"/> makes of its template (with the ids of real
    /// records where the caller has them; otherwise ids of nothing, answered 404), writes with an empty JSON object;
    /// what is wrong with the answers. Set <c>CONCORDAT_OPENAPI_OUT</c> to a folder to keep the document there as
    /// <paramref name="service"/>.json (to lint it).
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckEveryOperationAsync(HttpClient client, string service, Func<string, string>? fill = null)
    {
        fill ??= template => PathParameter().Replace(template, _ => Guid.NewGuid().ToString());
        var failures = new List<string>();
        foreach (var (method, template) in Operations)
        {
            var path = fill(template);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            failures.AddRange(await CheckAsync(method, path, response));
        }

        if (Environment.GetEnvironmentVariable("CONCORDAT_OPENAPI_OUT") is { Length: > 0 } folder)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, service + ".json"), _document.ToJsonString());
        }

        return failures;
    }

    /// <summary>
    /// What the document leaves a client to guess: an operation without a summary, a 2xx answer or a security
    /// requirement; a security scheme it names but does not declare; a schema typing a number as a string too.
    /// </summary>
    public IReadOnlyList<string> Omissions()
    {
        var schemes = _document["components"]?["securitySchemes"]?.AsObject().Select(s => s.Key).ToHashSet() ?? [];
        var omissions = new List<string>();
        foreach (var (method, template) in Operations)
        {
            var operation = _document["paths"]![template]![method.ToLowerInvariant()]!;
            var what = $"{method} {template}";
            if (string.IsNullOrWhiteSpace((string?)operation["summary"]))
            {
                omissions.Add($"{what}: no summary");
            }

            if (!(operation["responses"]?.AsObject() ?? []).Any(r => r.Key.StartsWith('2')))
            {
                omissions.Add($"{what}: no 2xx answer");
            }

            if (operation["security"] is not JsonArray security)
            {
                omissions.Add($"{what}: no security requirement");
            }
            else
            {
                omissions.AddRange(security.SelectMany(r => r!.AsObject().Select(s => s.Key)).Where(s => !schemes.Contains(s)).Select(s => $"{what}: undeclared security scheme {s}"));
            }
        }

        foreach (var (name, schema) in _document["components"]?["schemas"]?.AsObject() ?? [])
        {
            foreach (var (property, type) in schema?["properties"]?.AsObject() ?? [])
            {
                if (type?["type"] is JsonArray types && types.Any(t => (string?)t is "integer" or "number") && types.Any(t => (string?)t == "string"))
                {
                    omissions.Add($"{name}.{property}: typed {types.ToJsonString()}");
                }
            }
        }

        return omissions;
    }

    /// <summary>The <c>required</c> list of the component schema <paramref name="name"/>, sorted.</summary>
    public IReadOnlyList<string> RequiredOf(string name) =>
        [.. (_document["components"]?["schemas"]?[name]?["required"]?.AsArray() ?? []).Select(r => (string)r!).Order(StringComparer.Ordinal)];

    /// <summary>What is wrong with <paramref name="response"/> to <paramref name="method"/> <paramref name="path"/>; empty when it is as documented.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string method, string path, HttpResponseMessage response)
    {
        var what = $"{method} {path} → {(int)response.StatusCode}";
        var local = path.Split('?')[0];
        var template = _templates.FirstOrDefault(t => t.Path.IsMatch(local)).Template;
        if (template is null || _document["paths"]?[template]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return [$"{what}: the document has no such operation"];
        }

        var responses = operation["responses"]?.AsObject() ?? [];
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var documented = responses[status] ?? responses[status[0] + "XX"] ?? responses["default"];
        if (documented is null)
        {
            return [$"{what}: status not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0 || mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return [];
        }

        var content = Resolve(documented)?["content"]?.AsObject();
        var schema = content?[mediaType]?["schema"] ?? content?.FirstOrDefault(c => c.Key.Contains("json", StringComparison.Ordinal)).Value?["schema"];
        if (schema is null)
        {
            return mediaType == "application/problem+json" && (int)response.StatusCode >= 400
                ? []
                : [$"{what}: a {mediaType} body, but the document gives no schema for it"];
        }

        return Validate(schema, body).Select(e => $"{what}: {e}").ToList();
    }

    /// <summary>The errors of <paramref name="json"/> against <paramref name="schema"/> (a schema of the document).</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, string json)
    {
        var root = JsonNode.Parse(Rewrite(schema.ToJsonString()))!.AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _definitions.DeepClone();
        var evaluated = JsonSchema.FromText(root.ToJsonString()).Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        return evaluated.IsValid
            ? []
            : [.. (evaluated.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
                .DefaultIfEmpty("not valid against its schema")
                .Take(10)];
    }

    private JsonNode? Resolve(JsonNode? node) =>
        node?["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)_document, (n, part) => n?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]))
            : node;

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
