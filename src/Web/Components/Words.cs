namespace Concordat.Web.Components;

/// <summary>The APIs' wire words (<c>approved_with_amendments</c>) as a sentence's words ("Approved with amendments").</summary>
public static class Words
{
    // Where a wire word is not simply its words with spaces.
    private static readonly Dictionary<string, string> Spelt = new(StringComparer.Ordinal)
    {
        ["co_opted"] = "co-opted",
        ["vice_chair"] = "vice-chair",
        ["call_in_window"] = "in its call-in window",
        ["called_in"] = "called in",
    };

    public static string Sentence(string? wire)
    {
        if (string.IsNullOrWhiteSpace(wire))
        {
            return "";
        }

        wire = Spelt.GetValueOrDefault(wire, wire);

        var words = wire.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Lower(string? wire) => string.IsNullOrWhiteSpace(wire) ? "" : Spelt.GetValueOrDefault(wire, wire).Replace('_', ' ');
}
