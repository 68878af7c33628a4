using System.Text.Json;

namespace Concordat.ServiceKit;

/// <summary>
/// An enumeration value in a query string, spelt as on the wire (<c>?kind=county_council</c>, <c>?role=authorising</c>).
/// Minimal APIs bind it through <see cref="TryParse"/>; anything else is a 400 problem.
/// </summary>
public readonly record struct Wire<TEnum>(TEnum Value)
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> Names = Enum.GetValues<TEnum>()
        .ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

#pragma warning disable CA1000 // Minimal APIs look for a static TryParse on the bound type itself.
    public static bool TryParse(string? text, out Wire<TEnum> value)
    {
        var found = Names.TryGetValue(text?.Trim() ?? "", out var parsed);
        value = new Wire<TEnum>(parsed);
        return found;
    }

#pragma warning restore CA1000

    public override string ToString() => JsonNamingPolicy.SnakeCaseLower.ConvertName(Value.ToString());
}
