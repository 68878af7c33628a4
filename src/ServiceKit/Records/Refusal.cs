using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.ServiceKit;

/// <summary>
/// Why a change may not go ahead: a field error (400) or a problem (a rule's 409, a missing <c>If-Match</c>'s 428,
/// a stale one's 409); null means it may. Typed, so a handler's <c>Results&lt;…&gt;</c> can say exactly what a refusal is
/// (the two answers have no common type of their own, and <c>Results&lt;…&gt;</c> would wrap a null as if it were one).
/// </summary>
public sealed class Refusal
{
    private Refusal(ValidationProblem? invalid, ProblemHttpResult? problem) => (Invalid, Problem) = (invalid, problem);

    /// <summary>The field errors, when the request named something it may not.</summary>
    public ValidationProblem? Invalid { get; }

    /// <summary>The problem, when the request is well formed but the change may not happen.</summary>
    public ProblemHttpResult? Problem { get; }

    /// <summary>The refusal as the answer it is.</summary>
    public IResult Result => (IResult?)Invalid ?? Problem!;

    [return: NotNullIfNotNull(nameof(invalid))]
    public static implicit operator Refusal?(ValidationProblem? invalid) => invalid is null ? null : new(invalid, null);

    [return: NotNullIfNotNull(nameof(problem))]
    public static implicit operator Refusal?(ProblemHttpResult? problem) => problem is null ? null : new(null, problem);

    /// <summary>The refusal as a handler's answer, whose success is <typeparamref name="TDone"/>.</summary>
    public Results<TDone, NotFound, ValidationProblem, ProblemHttpResult> As<TDone>()
        where TDone : IResult => Invalid is { } invalid ? invalid : Problem!;

    /// <summary>The refusal as the answer of a handler that creates (no record to be missing).</summary>
    public Results<TDone, ValidationProblem, ProblemHttpResult> AsCreation<TDone>()
        where TDone : IResult => Invalid is { } invalid ? invalid : Problem!;
}
