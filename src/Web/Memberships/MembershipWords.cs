using Concordat.Web.Apis;

namespace Concordat.Web.Memberships;

/// <summary>A seat's rules in words, as the registry's seat rules read them (<c>docs/registry.md</c>).</summary>
public static class MembershipWords
{
    public static string Holder(string holder) => holder switch
    {
        "elected" => "Elected members only",
        "non_elected" => "Not an elected member (independent)",
        _ => "Anyone",
    };

    public static string Represents(SeatRecord seat) => seat.Represents switch
    {
        "organisation" => seat.OnePerRepresented ? "On behalf of an organisation, one for each" : "On behalf of an organisation",
        "body" => seat.OnePerRepresented ? "On behalf of a partnership, one for each" : "On behalf of a partnership",
        _ => "Themselves",
    };

    public static string Substitutes(SeatRecord seat) => seat.SubstitutesAllowed
        ? "Allowed" + (seat.SubstituteRule is { Length: > 0 } rule ? $": {rule}" : "")
        : "Not allowed";

    /// <summary>The registry's seat rule codes (<c>409</c> problems' <c>rule</c>) as the field they concern, for the error summary's links.</summary>
    public static string FieldOfRule(string? rule) => rule switch
    {
        "seat-requires-non-elected" or "seat-requires-elected" => "personId",
        "seat-full" or "seat-has-no-vote" or "seat-allows-no-substitutes" => "seatId",
        "one-per-represented" or "seat-requires-representation" => "onBehalfOfOrganisationId",
        "clerk-from-supporting-organisation" or "clerk-has-no-vote" => "role",
        "membership-ended" or "end-before-start" => "endsOn",
        _ => "",
    };

    /// <summary>
    /// A seat rule's refusal (409 with a <c>rule</c> member) linked to the field it is about, so the error summary takes
    /// the clerk there ("seat-full" to the seat); a problem with field errors already, or without a known rule, stays.
    /// </summary>
    public static Components.ServiceProblem? WithRuleField(Components.ServiceProblem? problem, string? content) =>
        WithRuleField(problem, content, FieldOfRule);

    /// <inheritdoc cref="WithRuleField(Components.ServiceProblem?, string?)"/>
    public static Components.ServiceProblem? WithRuleField(Components.ServiceProblem? problem, string? content, Func<string?, string?> fieldOf)
    {
        if (problem is null || problem.Errors.Count > 0 || string.IsNullOrEmpty(content))
        {
            return problem;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(content);
            var rule = document.RootElement.TryGetProperty("rule", out var r) ? r.GetString() : null;
            return fieldOf(rule) is { Length: > 0 } field
                ? problem with { Errors = new Dictionary<string, string[]> { [field] = [problem.Detail ?? problem.Title] } }
                : problem;
        }
        catch (System.Text.Json.JsonException)
        {
            return problem;
        }
    }
}
