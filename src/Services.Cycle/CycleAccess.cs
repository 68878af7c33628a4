using System.Security.Claims;
using Concordat.Cycle.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle;

/// <summary>Who may act for a body in the cycle, and who did something, for the timeline.</summary>
public static class CycleAccess
{
    /// <summary>
    /// Acting for a body (raising, moving, referring, answering) needs its clerk, its chair or one of its members today,
    /// by the cycle's read model of memberships; platform administrators pass anywhere.
    /// </summary>
    public static readonly string[] ActForBody = [ConcordatRoles.Clerk, ConcordatRoles.Chair, ConcordatRoles.Member];

    /// <summary>
    /// The holder of the issue <c>/issues/{id}</c> the caller acts for: with joint holders, the first one the caller holds
    /// a role on (any of them may move it), otherwise the first, which the access check then refuses.
    /// </summary>
    public static readonly BodyResolver IssueHolder = async context =>
        Guid.TryParse(context.HttpContext.Request.RouteValues["id"]?.ToString(), out var id) ? await HolderActedForAsync(context, id) : null;

    /// <summary>
    /// Of the holders of <paramref name="issueId"/>, the first one the caller holds a role on (with joint holders any of
    /// them may act), otherwise the first, which the access check then refuses; null when the issue has none.
    /// </summary>
    public static async Task<Guid?> HolderActedForAsync(EndpointFilterInvocationContext context, Guid issueId)
    {
        var services = context.HttpContext.RequestServices;
        var holders = await services.GetRequiredService<CycleDbContext>().IssueHolders.AsNoTracking()
            .Where(h => h.IssueId == issueId).OrderBy(h => h.BodyId).Select(h => h.BodyId).ToListAsync(context.HttpContext.RequestAborted);
        return await FirstActedForAsync(context, holders);
    }

    /// <summary>Of <paramref name="bodies"/>, the first the caller acts for, otherwise the first (which the access check then refuses).</summary>
    public static async Task<Guid?> FirstActedForAsync(EndpointFilterInvocationContext context, IReadOnlyList<Guid> bodies)
    {
        if (bodies.Count <= 1)
        {
            return bodies.Count == 0 ? null : bodies[0];
        }

        if (context.HttpContext.User.FindFirstValue(ConcordatClaims.Subject) is { Length: > 0 } subject)
        {
            var roles = context.HttpContext.RequestServices.GetRequiredService<IBodyRoles>();
            foreach (var body in bodies)
            {
                if ((await roles.HeldAsync(subject, body, context.HttpContext.RequestAborted)).Overlaps(ActForBody))
                {
                    return body;
                }
            }
        }

        return bodies[0];
    }

    /// <summary>The body named to synthesise the responses to the referral <c>/referrals/{id}</c>.</summary>
    public static readonly BodyResolver Synthesiser = BodyFrom.Lookup<CycleDbContext>("id", (db, id, cancellationToken) =>
        db.Referrals.Where(r => r.Id == id).Select(r => r.SynthesisedByBodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>
    /// Who did it, for the timeline and the events: the token's name, else the person the read model of memberships
    /// knows by its subject, else the machine client, else the subject itself.
    /// </summary>
    public static async Task<Actor> ActorAsync(HttpContext context, CycleDbContext db, CancellationToken cancellationToken)
    {
        var user = context.User;
        var subject = user.FindFirstValue(ConcordatClaims.Subject) ?? user.FindFirstValue(ConcordatClaims.ClientId) ?? "anonymous";
        var name = user.FindFirstValue(ConcordatClaims.Name);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = await db.Memberships.AsNoTracking().Where(m => m.PersonSubject == subject && m.PersonName != "")
                .Select(m => m.PersonName).FirstOrDefaultAsync(cancellationToken);
        }

        return new Actor(subject, string.IsNullOrWhiteSpace(name) ? subject : name.Trim());
    }
}

/// <summary>The caller who did something: the token's subject (kept for audit) and the name shown.</summary>
public sealed record Actor(string Subject, string Name);
