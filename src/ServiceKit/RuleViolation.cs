using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.ServiceKit;

/// <summary>
/// A domain rule a change would break, answered as 409 with the rule's code, so a client can tell "the seat is
/// full" from "the seat is for a non-elected chair" without parsing prose. Domain types return one (never throw);
/// each service names its problem types under its own base (the registry's extension in
/// <c>Concordat.Registry.RegistryProblems</c>), so <c>type</c> says which service's rule it is.
/// </summary>
public sealed record RuleViolation(string Rule, string Detail)
{
    public const string Title = "The change breaks a rule.";

    /// <summary>An RFC 9457 problem for this violation: <c>type</c> is <paramref name="typeBase"/> and the rule code.</summary>
    public ProblemHttpResult ToProblem(string typeBase, string title = Title) => TypedResults.Problem(
        title: title,
        detail: Detail,
        statusCode: StatusCodes.Status409Conflict,
        type: typeBase + Rule,
        extensions: new Dictionary<string, object?> { ["rule"] = Rule });

    /// <summary>The same problem for a unique constraint that enforces this rule, when the database is first to notice.</summary>
    public Messaging.ConstraintRule ForConstraint(string typeBase, string title = Title) => new(typeBase + Rule, title, Rule, Detail);
}
