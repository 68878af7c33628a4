namespace Concordat.Registry.Records;

/// <summary>
/// A registry rule a change would break, answered as 409 with the rule's code, so a client can tell
/// "the seat is full" from "the seat is for a non-elected chair" without parsing prose.
/// </summary>
public sealed record RuleViolation(string Rule, string Detail)
{
    public const string ProblemTypeBase = "https://concordat.org/problems/registry/";

    public const string Title = "The change breaks a registry rule.";

    /// <summary>An RFC 9457 problem for this violation.</summary>
    public IResult ToProblem() => TypedResults.Problem(
        title: Title,
        detail: Detail,
        statusCode: StatusCodes.Status409Conflict,
        type: ProblemTypeBase + Rule,
        extensions: new Dictionary<string, object?> { ["rule"] = Rule });

    /// <summary>The same problem for a unique constraint that enforces this rule, when the database is first to notice.</summary>
    public Messaging.ConstraintRule ForConstraint() => new(ProblemTypeBase + Rule, Title, Rule, Detail);
}
