using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Memberships;

/// <summary>
/// A caller's body-scoped roles from the registry's own records: the memberships, current today, of the live person
/// whose <c>subject</c> is the token's <c>sub</c>. Clerk: a clerk membership. Chair: chair or vice-chair (the
/// vice-chair presides when the chair cannot). Member: any membership but clerk and adviser (officers, not members).
/// Scrutiny officer: clerk or adviser of a body whose cycle roles include scrutiny.
/// </summary>
public sealed class MembershipBodyRoles(RegistryDbContext db, TimeProvider time) : IBodyRoles
{
    public async Task<IReadOnlySet<string>> HeldAsync(string subject, Guid bodyId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var capacities = await db.Memberships.AsNoTracking()
            .Where(m => m.BodyId == bodyId && m.RemovedAt == null && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today))
            .Join(db.People.Where(p => p.Subject == subject && p.RemovedAt == null), m => m.PersonId, p => p.Id, (m, _) => m.Role)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (capacities.Count == 0)
        {
            return new HashSet<string>();
        }

        var scrutiny = await db.Bodies.AnyAsync(b => b.Id == bodyId && b.RemovedAt == null && b.Roles.Contains(CycleRole.Scrutiny), cancellationToken);
        return capacities.SelectMany(capacity => RolesOf(capacity, scrutiny)).ToHashSet();
    }

    public static IEnumerable<string> RolesOf(MembershipRole capacity, bool scrutinyBody) => capacity switch
    {
        MembershipRole.Clerk => scrutinyBody ? [ConcordatRoles.Clerk, ConcordatRoles.ScrutinyOfficer] : [ConcordatRoles.Clerk],
        MembershipRole.Adviser => scrutinyBody ? [ConcordatRoles.ScrutinyOfficer] : [],
        MembershipRole.Chair or MembershipRole.ViceChair => [ConcordatRoles.Chair, ConcordatRoles.Member],
        _ => [ConcordatRoles.Member],
    };
}
