using System.Security.Claims;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny;

/// <summary>Who may act for a committee in scrutiny, and who did something.</summary>
public static class ScrutinyAccess
{
    /// <summary>
    /// Acting for a committee (calling in, resolving, opening topics and inquiries) needs its clerk or scrutiny officer,
    /// its chair or one of its members today, by scrutiny's read model of memberships; platform administrators pass anywhere.
    /// </summary>
    public static readonly string[] ActForCommittee = [ConcordatRoles.Clerk, ConcordatRoles.ScrutinyOfficer, ConcordatRoles.Chair, ConcordatRoles.Member];

    /// <summary>
    /// Who did it, as the public record shows it: the token's name, else the person the read model of memberships knows by
    /// its subject; never the subject itself (a sign-in identifier is not for publication).
    /// </summary>
    public static async Task<string> ActorAsync(HttpContext context, ScrutinyDbContext db, CancellationToken cancellationToken)
    {
        var user = context.User;
        var subject = user.FindFirstValue(ConcordatClaims.Subject) ?? user.FindFirstValue(ConcordatClaims.ClientId) ?? "anonymous";
        var name = user.FindFirstValue(ConcordatClaims.Name);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = await db.Memberships.AsNoTracking().Where(m => m.PersonSubject == subject && m.PersonName != "")
                .Select(m => m.PersonName).FirstOrDefaultAsync(cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            return name.Trim();
        }

        return user.IsInRole(ConcordatRoles.PlatformAdmin) ? "Platform administrator" : "A member of the committee";
    }
}
