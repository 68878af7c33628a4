using System.Linq.Expressions;
using Concordat.Registry.Bodies;
using Concordat.Registry.Records;

namespace Concordat.Registry.Memberships;

/// <summary>
/// Dissolving a body: the body is dissolved from a day, and every membership of it that runs past that day ends then
/// (one that had not started by then, on its first day). The API and the import both dissolve here, so both announce
/// <c>BodyDissolved</c> and each <c>MembershipEnded</c>. It lives with memberships, which depend on bodies, not the reverse.
/// </summary>
public static class BodyDissolution
{
    /// <summary>Dissolves <paramref name="body"/> and ends those of <paramref name="memberships"/> that are its and continue past <paramref name="on"/>.</summary>
    public static RuleViolation? Dissolve(Body body, DateOnly on, IEnumerable<Membership> memberships, DateTimeOffset now)
    {
        if (body.Dissolve(on, now) is { } refused)
        {
            return refused;
        }

        foreach (var membership in memberships.AsQueryable().Where(Continuing(body.Id, on)).ToList())
        {
            membership.End(on < membership.StartsOn ? membership.StartsOn : on, now);
        }

        return null;
    }

    /// <summary>The live memberships of <paramref name="bodyId"/> that run past <paramref name="on"/>: those a dissolution then ends.</summary>
    public static Expression<Func<Membership, bool>> Continuing(Guid bodyId, DateOnly on) =>
        m => m.BodyId == bodyId && m.RemovedAt == null && (m.EndsOn == null || m.EndsOn > on);
}
