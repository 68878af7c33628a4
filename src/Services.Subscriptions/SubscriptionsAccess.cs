using System.Security.Claims;
using Concordat.ServiceDefaults;
using Concordat.Subscriptions.Endpoints;

namespace Concordat.Subscriptions;

/// <summary>
/// Whose endpoints a caller manages: a partner its own organisation's (from its API key or token), a platform
/// administrator everyone's. Another organisation's endpoint is answered as if it did not exist (404).
/// </summary>
public static class SubscriptionsAccess
{
    public static readonly string[] ManageEndpoints = [ConcordatRoles.Partner];

    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(ConcordatRoles.PlatformAdmin);

    /// <summary>The caller's organisation, from its key or token; null when it names none.</summary>
    public static Guid? Organisation(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ConcordatClaims.Organisation), out var organisation) ? organisation : null;

    /// <summary>The endpoints <paramref name="user"/> may see and change.</summary>
    public static IQueryable<WebhookEndpoint> Visible(this IQueryable<WebhookEndpoint> endpoints, ClaimsPrincipal user)
    {
        if (IsAdministrator(user))
        {
            return endpoints;
        }

        var organisation = Organisation(user);
        return organisation is { } mine ? endpoints.Where(e => e.OrganisationId == mine) : endpoints.Where(_ => false);
    }
}
