using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.ServiceDefaults.Access;

/// <summary>
/// 403 answers as RFC 9457 problems that say what was needed, rather than an empty body; 401 stays the bearer
/// challenge (which the status-code pages turn into a problem).
/// </summary>
public sealed class AccessRefusals(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    public const string ForbiddenType = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var access = context.GetEndpoint()?.Metadata.GetMetadata<AccessPolicy>();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problem(access is null
                ? "The token does not carry a role this needs."
                : $"This needs the role {access.Needed}{(access.Kind == AccessKind.BodyRoles ? " on the body concerned" : "")}; the token carries none of them.",
                access),
        });
    }

    /// <summary>403 from a body-scope check: the role was claimed but is not held on <paramref name="body"/>.</summary>
    internal static IResult Forbidden(AccessPolicy policy, Guid body, string why)
    {
        var problem = Problem($"This needs the role {policy.Needed} on body {body}, and {why}.", policy);
        problem.Extensions["body"] = body;
        return TypedResults.Problem(problem);
    }

    private static ProblemDetails Problem(string detail, AccessPolicy? access)
    {
        var problem = new ProblemDetails
        {
            Type = ForbiddenType,
            Title = "You are not permitted to do this.",
            Status = StatusCodes.Status403Forbidden,
            Detail = detail,
        };
        if (access is not null)
        {
            problem.Extensions["roles"] = access.Roles;
        }

        return problem;
    }
}
