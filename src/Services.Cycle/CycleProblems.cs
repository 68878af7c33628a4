using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Cycle;

/// <summary>The cycle's problem types: <c>https://concordat.org/problems/cycle/{rule}</c>, as <c>docs/cycle.md</c> lists them.</summary>
public static class CycleProblems
{
    public const string TypeBase = "https://concordat.org/problems/cycle/";

    public const string Title = "The change breaks a rule of the cycle.";

    /// <summary>The 409 problem for a cycle rule.</summary>
    public static IResult ToProblem(this RuleViolation violation) => violation.ToProblem(TypeBase, Title);

    /// <summary>The same 409, typed, for a handler whose <c>Results&lt;…&gt;</c> lists it.</summary>
    public static ProblemHttpResult AsProblem(this RuleViolation violation) => violation.ToProblem(TypeBase, Title);

    /// <summary>A 400 naming one field, typed, for a handler whose <c>Results&lt;…&gt;</c> lists it.</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 400 naming one field as the JSON names it.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
