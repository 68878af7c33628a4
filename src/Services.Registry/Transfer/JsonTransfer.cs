using System.Text.Json;

namespace Concordat.Registry.Transfer;

/// <summary>Reads the JSON document (<see cref="RegistryExport"/>'s shape) into an import.</summary>
internal static class JsonTransfer
{
    public const string MediaType = "application/json";

    private static readonly HashSet<string> DocumentFields = ["format", "exportedAt"];

    /// <summary>Reads <paramref name="json"/> into <paramref name="batch"/>; throws <see cref="JsonException"/> when it is not JSON at all.</summary>
    public static void Read(ReadOnlyMemory<byte> json, ImportBatch batch, ImportErrors errors)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", $"The document is an object: {{\"format\": \"{RegistryExport.CurrentFormat}\", \"organisations\": [...], ...}}.");
            return;
        }

        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != RegistryExport.CurrentFormat)
        {
            errors.Add("format", $"The document must say \"format\": \"{RegistryExport.CurrentFormat}\", the only format this registry reads.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (DocumentFields.Contains(property.Name))
            {
                continue;
            }

            if (TransferCollections.Find(property.Name) is not { } collection)
            {
                errors.Add(property.Name, $"Not a collection; the collections are {string.Join(", ", TransferCollections.All.Select(c => c.Name))}.");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(property.Name, "Expected a list of rows.");
                continue;
            }

            var row = 0;
            foreach (var element in property.Value.EnumerateArray())
            {
                row++;
                var path = $"{collection.Name}[{row}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(path, "Expected an object.");
                    continue;
                }

                collection.Read(new JsonEntrySource(element, path, errors), row, batch, errors);
            }
        }
    }
}

/// <summary>A row of the JSON document: an object whose properties are the fields.</summary>
internal sealed class JsonEntrySource(JsonElement element, string path, ImportErrors errors) : EntrySource(path, errors)
{
    public override void Expect(IReadOnlyCollection<string> fields)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!fields.Contains(property.Name))
            {
                Error(property.Name, $"Not a field of this collection; its fields are {string.Join(", ", fields)}.");
            }
        }
    }

    protected override string? Raw(string field)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Decode(field, value);
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Null:
                return null;
            default:
                Error(field, "Expected a single value, not an object or a list.");
                return null;
        }
    }

    protected override IReadOnlyList<string>? RawItems(string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            Error(field, "Expected a list of strings.");
            return null;
        }

        return [.. value.EnumerateArray().Select(i => Decode(field, i) ?? "")];
    }

    /// <summary>The string, or a field error for one that holds no text (an escaped lone surrogate, <c>"\ud800"</c>).</summary>
    private string? Decode(string field, JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Error(field, "Contains an escaped lone surrogate (such as \\ud800), which is not a character.");
            return null;
        }
    }

    protected override IReadOnlyList<EntrySource>? RawObjects(string field, IReadOnlyList<string> nestedFields)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Object))
        {
            Error(field, "Expected a list of objects.");
            return null;
        }

        return [.. value.EnumerateArray().Select((item, index) => new JsonEntrySource(item, $"{Key(field)}[{index + 1}]", Errors))];
    }
}
