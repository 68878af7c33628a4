using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.ServiceDefaults.Access;

/// <summary>
/// The one line each endpoint (or group) declares its access with. An endpoint that declares nothing still needs a
/// valid token (the fallback policy), and the access matrix test fails until it declares something.
/// </summary>
public static class AccessConventions
{
    /// <summary>Anyone may call it, without a token: published information only.</summary>
    public static TBuilder Public<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(AccessPolicy.Public);

    /// <summary>Any caller with a valid token, whatever its roles (e.g. <c>/auth/me</c>).</summary>
    public static TBuilder RequireToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().WithMetadata(AccessPolicy.Token);

    /// <summary>A caller whose token carries one of <paramref name="roles"/> (or <c>platform_admin</c>), wherever it acts.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = AccessPolicy.ForRoles(AccessKind.Roles, roles);
        return builder.RequireAuthorization(p => p.RequireRole(policy.Roles)).WithMetadata(policy);
    }

    /// <summary>
    /// A caller holding one of <paramref name="roles"/> on the body the request concerns, found by
    /// <paramref name="resolveBody"/> (see <see cref="BodyFrom"/>); platform administrators pass anywhere. The token
    /// must carry the role, the caller must hold it today by membership (<see cref="IBodyRoles"/>), and when the
    /// token names bodies the body must be among them. A caller without the role claim is refused before the request
    /// is read; the membership check runs as an endpoint filter, after binding, because the body may be in the payload.
    /// </summary>
    public static TBuilder RequireBodyRole<TBuilder>(this TBuilder builder, BodyResolver resolveBody, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = AccessPolicy.ForRoles(AccessKind.BodyRoles, roles);
        builder.RequireAuthorization(p => p.RequireRole(policy.Roles)).WithMetadata(policy);
        builder.Add(endpoint => endpoint.FilterFactories.Insert(0, (_, next) => async context =>
            await BodyScope.RefusalAsync(context, resolveBody, policy) ?? await next(context)));
        return builder;
    }
}

/// <summary>Finds the body a request concerns: null when there is none (the handler then answers 404 or 400).</summary>
public delegate ValueTask<Guid?> BodyResolver(EndpointFilterInvocationContext context);

/// <summary>Ready-made <see cref="BodyResolver"/>s; a service adds lookups of its own records (a seat's body).</summary>
public static class BodyFrom
{
    /// <summary>The route value <paramref name="name"/> (<c>/bodies/{id}</c>).</summary>
    public static BodyResolver Route(string name) => context =>
        ValueTask.FromResult(Guid.TryParse(context.HttpContext.Request.RouteValues[name]?.ToString(), out var id) ? id : (Guid?)null);

    /// <summary>A field of the bound request of type <typeparamref name="T"/> (a membership request's body).</summary>
    public static BodyResolver Argument<T>(Func<T, Guid?> select) => context =>
        ValueTask.FromResult(context.Arguments.OfType<T>().Select(select).FirstOrDefault());

    /// <summary>A lookup by the route value <paramref name="name"/> (a seat's or a membership's body) in a scoped service.</summary>
    public static BodyResolver Lookup<TService>(string name, Func<TService, Guid, CancellationToken, Task<Guid?>> find)
        where TService : notnull => async context =>
        Guid.TryParse(context.HttpContext.Request.RouteValues[name]?.ToString(), out var id)
            ? await find(context.HttpContext.RequestServices.GetRequiredService<TService>(), id, context.HttpContext.RequestAborted)
            : null;
}

internal static class BodyScope
{
    public static async ValueTask<object?> RefusalAsync(EndpointFilterInvocationContext context, BodyResolver resolveBody, AccessPolicy policy)
    {
        var user = context.HttpContext.User;
        if (user.IsInRole(ConcordatRoles.PlatformAdmin) || await resolveBody(context) is not { } body)
        {
            return null;
        }

        var claimed = policy.Roles.Where(user.IsInRole).ToList();
        var tokenBodies = user.FindAll(ConcordatClaims.Body).Select(c => c.Value).ToList();
        if (tokenBodies.Count > 0 && !tokenBodies.Any(b => Guid.TryParse(b, out var named) && named == body))
        {
            return AccessRefusals.Forbidden(policy, body, "the token is limited to other bodies");
        }

        var held = user.FindFirstValue(ConcordatClaims.Subject) is { Length: > 0 } subject
            && context.HttpContext.RequestServices.GetService<IBodyRoles>() is { } bodyRoles
                ? await bodyRoles.HeldAsync(subject, body, context.HttpContext.RequestAborted)
                : new HashSet<string>();
        return claimed.Any(held.Contains)
            ? null
            : AccessRefusals.Forbidden(policy, body, "the registry has no current membership of the caller on that body in that role");
    }
}
