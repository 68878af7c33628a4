using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Concordat.Messaging;

/// <summary>
/// The problem a unique constraint stands for, so that a violation found by the database (two requests racing past the
/// service's own check) answers exactly as the check would have: the rule's 409, whatever the timing.
/// </summary>
public sealed record ConstraintRule(string Type, string Title, string Rule, string Detail);

/// <summary>The unique constraints (indexes) of a service's database, by name, and the rule each enforces.</summary>
public sealed class ConstraintRules
{
    public Dictionary<string, ConstraintRule> ByConstraint { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// What the database refuses is never a 500 for the client: a unique constraint becomes its rule's 409 (<see
/// cref="ConstraintRules"/>, or a general 409 for one without a rule), a lost serialization or deadlock a 409 asking the
/// client to send again, and text or values the database cannot store a 400. Requests normally never get this far (the
/// services check first); this is the backstop for races and for a check someone forgot.
/// </summary>
internal sealed class DatabaseRefusals(IProblemDetailsService problemDetails, IOptions<ConstraintRules> rules) : IExceptionHandler
{
    public const string ProblemTypeBase = "https://concordat.org/problems/";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var postgres = Find(exception);
        if (postgres is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = Describe(postgres);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private ProblemDetails? Describe(PostgresException postgres)
    {
        switch (postgres.SqlState)
        {
            case PostgresErrorCodes.UniqueViolation:
                if (postgres.ConstraintName is { } name && rules.Value.ByConstraint.TryGetValue(name, out var rule))
                {
                    return Conflict(rule.Type, rule.Title, rule.Detail, rule.Rule);
                }

                return Conflict(ProblemTypeBase + "already-exists", "The change conflicts with a record that exists.",
                    "Another record already has this value; it must be unique.", "already-exists");
            case PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected:
                return Conflict(ProblemTypeBase + "concurrent-change", "Another change ran at the same time.",
                    "Nothing was changed; send the request again.", "concurrent-change");
            case PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
                or PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NumericValueOutOfRange
                or PostgresErrorCodes.ProgramLimitExceeded:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "A value cannot be stored.",
                    Detail = "A value is too long, out of range, or holds characters that cannot be stored.",
                };
            default:
                return null;
        }
    }

    private static ProblemDetails Conflict(string type, string title, string detail, string rule) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Type = type,
        Title = title,
        Detail = detail,
        Extensions = { ["rule"] = rule },
    };

    private static PostgresException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
