using System.Security.Claims;
using Concordat.ServiceDefaults;

namespace Concordat.Scrutiny;

/// <summary>
/// Partner authorities as callers: a partner's API key or token carries the <c>organisation</c> it acts for, and it
/// sees only what is addressed to that organisation. Anything else is answered 404, never 403, so a partner cannot
/// probe which requests or recommendations exist (object-level access).
/// </summary>
public static class ScrutinyPartners
{
    /// <summary>Token roles with which a caller may reach a partner's endpoints; the record decides the rest.</summary>
    public static readonly string[] Partner = [ConcordatRoles.Partner];

    /// <summary>The organisation a partner caller acts for; null for any other caller (or a partner token naming none).</summary>
    public static Guid? OrganisationOf(ClaimsPrincipal user) =>
        user.IsInRole(ConcordatRoles.Partner) && Guid.TryParse(user.FindFirstValue(ConcordatClaims.Organisation), out var organisation) ? organisation : null;

    /// <summary>Whether the caller is the partner <paramref name="organisation"/> (or administers the platform).</summary>
    public static bool Is(ClaimsPrincipal user, Guid organisation) =>
        user.IsInRole(ConcordatRoles.PlatformAdmin) || OrganisationOf(user) == organisation;
}
