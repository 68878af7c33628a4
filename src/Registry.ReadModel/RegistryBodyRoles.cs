using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceKit;

namespace Concordat.Registry.ReadModel;

/// <summary>
/// A caller's body-scoped roles from the service's read model of memberships, meaning what they mean in the registry
/// (<c>MembershipBodyRoles</c> there): clerk from a clerk membership; chair from chair or vice-chair; member from any
/// membership but clerk and adviser; scrutiny officer from clerk or adviser of a body with the scrutiny role. Today is
/// the UK day, as the registry's dates are.
/// </summary>
public sealed class RegistryBodyRoles<TDbContext>(TDbContext db, TimeProvider time) : IBodyRoles
    where TDbContext : DbContext, IRegistryReadModel
{
    public async Task<IReadOnlySet<string>> HeldAsync(string subject, Guid bodyId, CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        var capacities = await db.Memberships.AsNoTracking()
            .Where(m => m.PersonSubject == subject && m.BodyId == bodyId && m.Started && !m.Removed && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today))
            .Select(m => m.Role)
            .Distinct()
            .ToListAsync(cancellationToken);
        if (capacities.Count == 0)
        {
            return new HashSet<string>();
        }

        var scrutiny = await db.Bodies.AnyAsync(b => b.Id == bodyId && b.Roles.Contains("scrutiny"), cancellationToken);
        return capacities.SelectMany(c => MembershipCapacities.RolesOf(c, scrutiny)).ToHashSet();
    }
}

/// <summary>What a membership's capacity gives a caller on the body, as the registry means it.</summary>
public static class MembershipCapacities
{
    /// <summary>The body-scoped roles a membership in <paramref name="capacity"/> gives.</summary>
    public static IEnumerable<string> RolesOf(string capacity, bool scrutinyBody) => capacity switch
    {
        "clerk" => scrutinyBody ? [ConcordatRoles.Clerk, ConcordatRoles.ScrutinyOfficer] : [ConcordatRoles.Clerk],
        "adviser" => scrutinyBody ? [ConcordatRoles.ScrutinyOfficer] : [],
        "chair" or "vice_chair" => [ConcordatRoles.Chair, ConcordatRoles.Member],
        _ => [ConcordatRoles.Member],
    };
}
