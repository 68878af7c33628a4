using System.Security.Claims;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.People;

/// <summary>
/// Who sees what of a person (docs/security.md, "Personal data"). Name, elected or not, and affiliations are the public
/// record of who sits for whom, and shown to anyone. The e-mail address is personal data: shown to platform
/// administrators, to the person themself, and to a signed-in person who sits on a body with them today (their
/// partnership context), never anonymously. The sign-in subject is shown to platform administrators only.
/// </summary>
public static class PersonalData
{
    /// <summary>How to show people to <paramref name="caller"/>: one query for the caller's colleagues, then a mapping per person.</summary>
    public static async Task<Func<Person, PersonResponse>> ResponseForAsync(
        RegistryDbContext db, ClaimsPrincipal caller, TimeProvider time, CancellationToken cancellationToken)
    {
        if (caller.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            return p => PersonResponse.From(p) with { Subject = p.Subject };
        }

        var subject = caller.Identity?.IsAuthenticated == true ? caller.FindFirstValue(ConcordatClaims.Subject) : null;
        if (string.IsNullOrEmpty(subject))
        {
            return WithoutEmail;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var current = db.Memberships.Where(m => m.RemovedAt == null && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today));
        var myBodies = current
            .Where(m => db.People.Any(p => p.Id == m.PersonId && p.Subject == subject && p.RemovedAt == null))
            .Select(m => m.BodyId);
        var colleagues = (await current.Where(m => myBodies.Contains(m.BodyId)).Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        return p => colleagues.Contains(p.Id) || p.Subject == subject ? PersonResponse.From(p) : WithoutEmail(p);
    }

    private static PersonResponse WithoutEmail(Person person) => PersonResponse.From(person) with { Email = null };
}
