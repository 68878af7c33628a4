using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concordat.Testing;

/// <summary>
/// A JSON Schema draft-03 validator for exactly the keywords the Popolo schemas use: <c>type</c> (simple types
/// and unions of them), <c>properties</c> with <c>required</c>, <c>items</c> (one schema), <c>pattern</c>,
/// <c>format</c> (<c>date-time</c>, <c>uri</c>, <c>email</c>), <c>$ref</c> to another loaded schema's id, and
/// <c>additionalProperties</c>. No library that restores here validates draft-03. Loading refuses any other
/// keyword, format or unresolvable reference, so a schema can never be passed because part of it went unread.
/// </summary>
public sealed class JsonSchemaDraft3
{
    /// <summary>The id prefix of the Popolo schemas: <c>PopoloSchemaBase + "person.json#"</c>.</summary>
    public const string PopoloSchemaBase = "http://www.popoloproject.com/schemas/";

    private static readonly HashSet<string> Annotations = ["$schema", "id", "title", "description"];
    private static readonly HashSet<string> SimpleTypes = ["string", "number", "integer", "boolean", "object", "array", "null", "any"];
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    // RFC 3339, the profile of ISO 8601 that draft-03's "YYYY-MM-DDThh:mm:ssZ" belongs to.
    private static readonly Regex DateTimeShape = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.None, PatternTimeout);

    // A URI (RFC 3986) begins with a scheme; a relative reference is not one.
    private static readonly Regex UriShape = new(@"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*\z", RegexOptions.None, PatternTimeout);

    private readonly Dictionary<string, JsonElement> _schemas;
    private readonly Dictionary<string, Regex> _patterns;

    private JsonSchemaDraft3(Dictionary<string, JsonElement> schemas, Dictionary<string, Regex> patterns)
    {
        _schemas = schemas;
        _patterns = patterns;
    }

    /// <summary>
    /// Also reports properties a schema with <c>properties</c> does not declare. Popolo allows them (it sets no
    /// <c>additionalProperties</c>), so without this a misspelt <c>on_behalf_id</c> would pass unnoticed.
    /// </summary>
    public bool DisallowUndeclaredProperties { get; init; }

    /// <summary>The ids of the loaded schemas, without their empty fragment.</summary>
    public IReadOnlyCollection<string> SchemaIds => _schemas.Keys;

    /// <summary>
    /// Where the tests read the Popolo schemas: a copy in the repository (<c>tests/Concordat.Testing/Popolo</c>),
    /// so they run wherever it is cloned.
    /// </summary>
    public static string PopoloFolder => Path.Combine(Repository.Root, "tests", "Concordat.Testing", "Popolo");

    /// <summary>The project's shared copy, <c>shared/popolo</c> beside the repository, when it is there.</summary>
    public static string SharedPopoloFolder => Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "popolo"));

    /// <summary>The Popolo schemas from <see cref="PopoloFolder"/>; fails plainly if the folder is missing.</summary>
    public static JsonSchemaDraft3 Popolo(bool disallowUndeclaredProperties = false)
    {
        var folder = PopoloFolder;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The Popolo JSON schemas (draft-03) are expected in {folder}, and that folder does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"{folder} holds no *.json schemas.");
        }

        return Load(files.Select(File.ReadAllText), disallowUndeclaredProperties);
    }

    /// <summary>Loads schema documents, each with an absolute <c>id</c>; throws <see cref="NotSupportedException"/> for what it cannot check.</summary>
    public static JsonSchemaDraft3 Load(IEnumerable<string> documents, bool disallowUndeclaredProperties = false)
    {
        var schemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var text in documents)
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(id.GetString(), UriKind.Absolute, out _))
            {
                throw new NotSupportedException("Each schema document must be an object with an absolute \"id\"; references are resolved by it.");
            }

            var key = Key(id.GetString()!);
            if (!schemas.TryAdd(key, root))
            {
                throw new InvalidOperationException($"Two schemas have the id {key}.");
            }
        }

        var patterns = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var (id, root) in schemas)
        {
            Check(root, id, "#", isRoot: true, schemas, patterns);
        }

        return new JsonSchemaDraft3(schemas, patterns) { DisallowUndeclaredProperties = disallowUndeclaredProperties };
    }

    /// <summary>The errors of <paramref name="instance"/> against the schema with id <paramref name="schemaId"/>, each naming where; empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance, string schemaId)
    {
        var key = Key(schemaId);
        if (!_schemas.TryGetValue(key, out var schema))
        {
            throw new ArgumentException($"No schema with id {schemaId} is loaded (have: {string.Join(", ", _schemas.Keys)}).", nameof(schemaId));
        }

        var errors = new List<string>();
        Validate(instance, schema, key, "$", errors);
        return errors;
    }

    /// <summary>Validates JSON text; see <see cref="Validate(JsonElement, string)"/>.</summary>
    public IReadOnlyList<string> Validate(string json, string schemaId)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(document.RootElement, schemaId);
    }

    /// <summary>A schema's id as an absolute URI without its (empty) fragment, the form references resolve to.</summary>
    private static string Key(string id) => WithoutFragment(new Uri(id, UriKind.Absolute));

    private static string WithoutFragment(Uri uri)
    {
        var text = uri.AbsoluteUri;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? text : text[..hash];
    }

    private static string Resolve(string baseId, string reference)
    {
        var target = new Uri(new Uri(baseId), reference);
        if (target.Fragment is not ("" or "#"))
        {
            throw new NotSupportedException($"{baseId}: reference {reference} points inside a schema; only whole-schema references are supported.");
        }

        return WithoutFragment(target);
    }

    private static void Check(JsonElement schema, string baseId, string where, bool isRoot, Dictionary<string, JsonElement> schemas, Dictionary<string, Regex> patterns)
    {
        string At(string keyword) => $"{baseId}{where}/{keyword}";

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"{baseId}{where}: a schema must be an object.");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "id" when !isRoot:
                    throw new NotSupportedException($"{At("id")}: an id inside a schema (a new resolution scope) is not supported.");
                case var annotation when Annotations.Contains(annotation):
                    break;
                case "type":
                    List<JsonElement> types = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
                    if (types.Count == 0 || types.Any(t => t.ValueKind != JsonValueKind.String || !SimpleTypes.Contains(t.GetString()!)))
                    {
                        throw new NotSupportedException($"{At("type")}: only simple type names (and unions of them) are supported: {value}.");
                    }

                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw new NotSupportedException($"{At("properties")} must be an object.");
                    }

                    foreach (var property in value.EnumerateObject())
                    {
                        Check(property.Value, baseId, $"{where}/properties/{property.Name}", false, schemas, patterns);
                    }

                    break;
                case "required":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw new NotSupportedException($"{At("required")}: draft-03 \"required\" is a boolean on the property's schema.");
                    }

                    break;
                case "items":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw new NotSupportedException($"{At("items")}: only a single schema for every item is supported, not a tuple.");
                    }

                    Check(value, baseId, $"{where}/items", false, schemas, patterns);
                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        Check(value, baseId, $"{where}/additionalProperties", false, schemas, patterns);
                    }
                    else if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        throw new NotSupportedException($"{At("additionalProperties")} must be a boolean or a schema.");
                    }

                    break;
                case "pattern":
                    var pattern = value.GetString() ?? throw new NotSupportedException($"{At("pattern")} must be a string.");
                    patterns.TryAdd(pattern, new Regex(Ecma262(pattern), RegexOptions.ECMAScript, PatternTimeout));
                    break;
                case "format":
                    if (value.GetString() is not ("date-time" or "uri" or "email"))
                    {
                        throw new NotSupportedException($"{At("format")}: format {value} is not checked by this validator.");
                    }

                    break;
                case "$ref":
                    var target = Resolve(baseId, value.GetString() ?? throw new NotSupportedException($"{At("$ref")} must be a string."));
                    if (!schemas.ContainsKey(target))
                    {
                        throw new InvalidOperationException($"{At("$ref")}: {value} names no loaded schema.");
                    }

                    break;
                default:
                    throw new NotSupportedException($"{At(keyword.Name)}: keyword \"{keyword.Name}\" is not supported by this validator.");
            }
        }
    }

    /// <summary>
    /// ECMA-262's <c>$</c> (without the multiline flag) matches only at the end of the text; .NET's also
    /// matches before a final newline, which would let "2026-01-01\n" pass a date pattern.
    /// </summary>
    private static string Ecma262(string pattern)
    {
        var translated = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                translated.Append(c).Append(pattern[++i]);
                continue;
            }

            inClass = c switch
            {
                '[' => true,
                ']' => false,
                _ => inClass,
            };
            if (c == '$' && !inClass)
            {
                translated.Append(@"\z");
            }
            else
            {
                translated.Append(c);
            }
        }

        return translated.ToString();
    }

    private void Validate(JsonElement instance, JsonElement schema, string baseId, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            // Draft-03: a schema with $ref is replaced by the referenced one.
            var target = Resolve(baseId, reference.GetString()!);
            Validate(instance, _schemas[target], target, path, errors);
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(instance, type))
        {
            errors.Add($"{path}: {Describe(instance)} is not of type {type}.");
            return;
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                ValidateString(instance.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in instance.EnumerateArray())
                {
                    Validate(item, items, baseId, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.Object:
                ValidateObject(instance, schema, baseId, path, errors);
                break;
            default:
                break;
        }
    }

    private void ValidateObject(JsonElement instance, JsonElement schema, string baseId, string path, List<string> errors)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (hasProperties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (instance.TryGetProperty(property.Name, out var value))
                {
                    Validate(value, property.Value, baseId, $"{path}.{property.Name}", errors);
                }
                else if (property.Value.TryGetProperty("required", out var required) && required.GetBoolean())
                {
                    errors.Add($"{path}: required property \"{property.Name}\" is missing.");
                }
            }
        }

        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out _))
            {
                continue;
            }

            if (hasAdditional && additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path}: property \"{property.Name}\" is not allowed (additionalProperties is false).");
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
            {
                Validate(property.Value, additional, baseId, $"{path}.{property.Name}", errors);
            }
            else if (!hasAdditional && hasProperties && DisallowUndeclaredProperties)
            {
                errors.Add($"{path}: property \"{property.Name}\" is not declared by the schema.");
            }
        }
    }

    private void ValidateString(string value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !_patterns[pattern.GetString()!].IsMatch(value))
        {
            errors.Add($"{path}: \"{value}\" does not match the pattern {pattern.GetString()}.");
        }

        if (schema.TryGetProperty("format", out var format) && !HasFormat(value, format.GetString()!))
        {
            errors.Add($"{path}: \"{value}\" is not a valid {format.GetString()}.");
        }
    }

    private static bool HasFormat(string value, string format) => format switch
    {
        "date-time" => DateTimeShape.IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => UriShape.IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _),
        "email" => MailAddress.TryCreate(value, out var address) && address.Address == value,
        _ => throw new NotSupportedException($"format {format}"),
    };

    private static bool HasType(JsonElement instance, JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => IsOfType(instance, t.GetString()!))
        : IsOfType(instance, type.GetString()!);

    private static bool IsOfType(JsonElement instance, string type) => type switch
    {
        "any" => true,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsWhole(instance),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static bool IsWhole(JsonElement number) => number.TryGetDecimal(out var d)
        ? d == decimal.Truncate(d)
        : double.IsInteger(number.GetDouble());

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{instance.GetString()}\"",
        JsonValueKind.Number => $"the number {instance.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {instance.GetRawText()}",
        _ => "null",
    };
}
