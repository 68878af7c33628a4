namespace Concordat.Web.Components;

/// <summary>The APIs' wire words (<c>approved_with_amendments</c>) as a sentence's words ("Approved with amendments").</summary>
public static class Words
{
    public static string Sentence(string? wire)
    {
        if (string.IsNullOrWhiteSpace(wire))
        {
            return "";
        }

        var words = wire.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Lower(string? wire) => string.IsNullOrWhiteSpace(wire) ? "" : wire.Replace('_', ' ');
}
