using System.Text.Json;
using Refit;

namespace Concordat.Web.Components;

/// <summary>
/// A service's refusal (RFC 9457 problem details) as a page shows it: a title, and the fields at fault with what is
/// wrong with each, for the Design System's error summary.
/// </summary>
public sealed record ServiceProblem(string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>
    /// Whether what the form was written against has changed since (a stale <c>If-Match</c>): the summary then offers a
    /// link that reloads the page, with what it says now.
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>The problem's <c>type</c>, which names the kind of refusal (<see cref="StaleVersionType"/>, a rule's own).</summary>
    public string? Type { get; init; }

    /// <summary>The services' problem type for a version that no longer matches (<c>If-Match</c>), documented in their OpenAPI.</summary>
    public const string StaleVersionType = "https://concordat.org/problems/stale-version";

    /// <summary>
    /// What is wrong with one field, named as the API's JSON names it (<c>title</c>, <c>allocations[0].amount</c>):
    /// the services name members in camel case, a binding error may prefix them with <c>$.</c>, so both match.
    /// </summary>
    public IReadOnlyList<string> ErrorsFor(string field)
    {
        List<string>? found = null;
        foreach (var (key, messages) in Errors)
        {
            if (string.Equals(FieldId(key), field, StringComparison.OrdinalIgnoreCase))
            {
                (found ??= []).AddRange(messages);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The id of the field an error key names, which the error summary links to (<c>$.title</c> → <c>title</c>).</summary>
    public static string FieldId(string key) => key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;

    /// <summary>A refusal the page makes itself, before asking a service (a file not chosen, a value that cannot be one).</summary>
    public static ServiceProblem ForField(string field, string message) =>
        new("There is a problem", null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static ServiceProblem From(ApiException? error)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? title = null, detail = null, type = null;
        if (error?.Content is { Length: > 0 } content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
                type = root.TryGetProperty("type", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")]
                            : [field.Value.ToString()];
                    }
                }
            }
            catch (JsonException)
            {
                // Not problem details: the title below says enough.
            }
        }

        return new ServiceProblem(title ?? "There is a problem", detail, errors) { Type = type };
    }
}
