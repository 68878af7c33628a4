using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Registry;

/// <summary>The registry's problem types: <c>https://concordat.org/problems/registry/{rule}</c>, as <c>docs/registry.md</c> lists them.</summary>
public static class RegistryProblems
{
    public const string TypeBase = "https://concordat.org/problems/registry/";

    public const string Title = "The change breaks a registry rule.";

    /// <summary>The 409 problem for a registry rule.</summary>
    public static ProblemHttpResult ToProblem(this RuleViolation violation) => violation.ToProblem(TypeBase, Title);

    /// <summary>The same problem, for the unique constraint that enforces the rule.</summary>
    public static Messaging.ConstraintRule ForConstraint(this RuleViolation violation) => violation.ForConstraint(TypeBase, Title);
}
