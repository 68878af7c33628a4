using Concordat.Cycle.Data;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Issues;

/// <summary>Bodies from the cycle's read model of the registry, as the stage and referral rules see them.</summary>
public static class HolderCandidates
{
    /// <summary>
    /// The bodies <paramref name="ids"/> in that order, or <c>body-unknown</c> for the first the cycle does not know. With
    /// <paramref name="taskGroupsOf"/>, each is marked when it is a task group registered for that issue.
    /// </summary>
    public static async Task<(IReadOnlyList<HolderCandidate> Bodies, RuleViolation? Unknown)> LoadAsync(
        CycleDbContext db, IEnumerable<Guid> ids, DateOnly today, CancellationToken cancellationToken, Guid? taskGroupsOf = null)
    {
        var wanted = ids.Distinct().ToList();
        var known = await KnownAsync(db, wanted, today, cancellationToken, taskGroupsOf);
        foreach (var id in wanted)
        {
            if (!known.ContainsKey(id))
            {
                return ([], Unknown(id));
            }
        }

        return ([.. wanted.Select(id => known[id])], null);
    }

    /// <summary>
    /// Those of <paramref name="ids"/> the cycle knows, by id, read in one query (a body it has not heard of is simply
    /// absent); with <paramref name="taskGroupsOf"/>, each marked when it is a task group registered for that issue.
    /// </summary>
    public static async Task<Dictionary<Guid, HolderCandidate>> KnownAsync(
        CycleDbContext db, IReadOnlyCollection<Guid> ids, DateOnly today, CancellationToken cancellationToken, Guid? taskGroupsOf = null)
    {
        var bodies = await db.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken);
        var taskGroups = taskGroupsOf is { } issue
            ? (await db.TaskGroups.AsNoTracking().Where(g => g.IssueId == issue && ids.Contains(g.BodyId)).Select(g => g.BodyId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        return bodies.ToDictionary(b => b.Id, b => new HolderCandidate(b.Id, b.Name, b.Roles, b.IsDissolvedOn(today), taskGroups.Contains(b.Id)));
    }

    public static RuleViolation Unknown(Guid id) =>
        new("body-unknown", $"The cycle knows of no body {id}; the registry's announcement of it may not have arrived yet.");
}
