using System.Text.Json;
using Refit;

namespace Concordat.Web.Components;

/// <summary>
/// A service's refusal (RFC 9457 problem details) as a page shows it: a title, and the fields at fault with what is
/// wrong with each, for the Design System's error summary.
/// </summary>
public sealed record ServiceProblem(string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ServiceProblem From(ApiException? error)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? title = null, detail = null;
        if (error?.Content is { Length: > 0 } content)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
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

        return new ServiceProblem(title ?? "There is a problem", detail, errors);
    }
}
