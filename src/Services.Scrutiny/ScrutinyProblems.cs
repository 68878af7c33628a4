using Concordat.ServiceKit;

namespace Concordat.Scrutiny;

/// <summary>Scrutiny's problem types: <c>https://concordat.org/problems/scrutiny/{rule}</c>, as <c>docs/scrutiny.md</c> lists them.</summary>
public static class ScrutinyProblems
{
    public const string TypeBase = "https://concordat.org/problems/scrutiny/";

    public const string Title = "The change breaks a rule of scrutiny.";

    /// <summary>The 409 problem for a scrutiny rule.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ToProblem(this RuleViolation violation) => violation.ToProblem(TypeBase, Title);

    /// <summary>A 400 naming fields as the JSON names them.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>A 400 naming one field as the JSON names it.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string message) => Invalid(new() { [field] = [message] });
}
