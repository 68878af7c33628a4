using Concordat.Web.Apis;

namespace Concordat.Web.Delivery;

/// <summary>An import's result (real or dry run) in words: what it did or would do, row by row.</summary>
public static class ImportWords
{
    /// <summary>"Would add 1 action, change 2 and leave 5 unchanged." / "Added 1 action, changed 2 and left 5 unchanged."</summary>
    public static string Summary(CsvImportResult result, string what)
    {
        if (result.Added == 0 && result.Changed == 0)
        {
            return result.DryRun
                ? $"Nothing would change: the file matches the plan ({Rows(result.Unchanged)} unchanged)."
                : $"Nothing changed: the file matched the plan ({Rows(result.Unchanged)} unchanged).";
        }

        var (add, change, leave) = result.DryRun ? ("would add", "change", "leave") : ("added", "changed", "left");
        var parts = new List<string>();
        if (result.Added > 0)
        {
            parts.Add($"{add} {Count(result.Added, what)}");
        }

        if (result.Changed > 0)
        {
            parts.Add(parts.Count == 0 ? $"{(result.DryRun ? "would change" : "changed")} {Rows(result.Changed)}" : $"{change} {Rows(result.Changed)}");
        }

        parts.Add($"{leave} {Rows(result.Unchanged)} unchanged");
        var sentence = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
        return (result.DryRun ? "This import " : "The import ") + sentence + ".";
    }

    public static string Outcome(string outcome, bool dryRun) => (outcome, dryRun) switch
    {
        ("added", true) => "Would be added",
        ("added", false) => "Added",
        ("changed", true) => "Would change",
        ("changed", false) => "Changed",
        ("unchanged", _) => "Unchanged",
        _ => Components.Words.Sentence(outcome),
    };

    public static string OutcomeTagClass(string outcome) => outcome switch
    {
        "added" => "govuk-tag--green",
        "changed" => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    /// <summary>"status: at_risk → on_track", "value: (empty) → 92.4".</summary>
    public static string Change(CsvFieldChange change) =>
        $"{change.Column}: {(string.IsNullOrEmpty(change.From) ? "(empty)" : change.From)} → {(string.IsNullOrEmpty(change.To) ? "(empty)" : change.To)}";

    private static string Rows(int n) => n == 1 ? "1 row" : $"{n} rows";

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
