using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.ServiceKit.Tests;

public sealed class RefusalTests
{
    [Fact]
    public void No_problem_is_no_refusal()
    {
        Refusal? fromProblem = (ProblemHttpResult?)null;
        Refusal? fromInvalid = (ValidationProblem?)null;

        Assert.Null(fromProblem);
        Assert.Null(fromInvalid);
    }

    [Fact]
    public void A_field_error_stays_a_field_error_in_the_handlers_answer()
    {
        Refusal refusal = TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["bad"] });

        Assert.IsType<ValidationProblem>(refusal.As<NoContent>().Result);
        Assert.IsType<ValidationProblem>(refusal.AsCreation<Created>().Result);
    }

    [Fact]
    public void A_problem_keeps_its_status_in_the_handlers_answer()
    {
        Refusal refusal = new RuleViolation("seat-full", "All 2 places are held.").ToProblem("https://concordat.org/problems/example/");

        Assert.Equal(409, Assert.IsType<ProblemHttpResult>(refusal.As<Ok<string>>().Result).StatusCode);
    }
}
