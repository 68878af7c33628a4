using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.ServiceKit.Tests;

public sealed class RuleViolationTests
{
    [Fact]
    public void A_violation_is_a_409_whose_type_and_rule_member_name_the_rule()
    {
        var problem = Assert.IsType<ProblemHttpResult>(
            new RuleViolation("seat-full", "All 2 places are held.").ToProblem("https://concordat.org/problems/example/"));

        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("https://concordat.org/problems/example/seat-full", problem.ProblemDetails.Type);
        Assert.Equal("seat-full", problem.ProblemDetails.Extensions["rule"]);
        Assert.Equal("All 2 places are held.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void The_constraint_that_enforces_a_rule_answers_with_the_same_problem()
    {
        var violation = new RuleViolation("subject-taken", "Another person signs in as that subject.");
        var problem = Assert.IsType<ProblemHttpResult>(violation.ToProblem("https://concordat.org/problems/example/"));

        var constraint = violation.ForConstraint("https://concordat.org/problems/example/");

        Assert.Equal(problem.ProblemDetails.Type, constraint.Type);
        Assert.Equal("subject-taken", constraint.Rule);
        Assert.Equal(problem.ProblemDetails.Detail, constraint.Detail);
    }
}
