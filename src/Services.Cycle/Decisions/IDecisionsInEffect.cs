using Concordat.Cycle.Data;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Decisions;

/// <summary>
/// Whether a decision on an issue is in effect (published, approving, its call-in window over or urgent, not called in,
/// not referred back), which a move to implementation needs (<c>decision-not-in-effect</c>).
/// </summary>
public interface IDecisionsInEffect
{
    Task<bool> AnyForAsync(Guid issueId, CancellationToken cancellationToken);
}

/// <summary>
/// Asks the decisions themselves at the time of asking, by <see cref="DecisionRules.InEffect"/>: a move at the end of a
/// window does not wait for <see cref="DecisionEffects"/> to have announced it.
/// </summary>
public sealed class DecisionsInEffect(CycleDbContext db, TimeProvider time) : IDecisionsInEffect
{
    public async Task<bool> AnyForAsync(Guid issueId, CancellationToken cancellationToken)
    {
        var candidates = await db.Decisions.AsNoTracking()
            .Where(d => d.IssueId == issueId && d.RemovedAt == null && d.PublishedAt != null && d.ReferredBackAt == null
                && (d.Outcome == DecisionOutcome.Approved || d.Outcome == DecisionOutcome.ApprovedWithAmendments))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return candidates.Any(d => DecisionRules.InEffect(d, now));
    }
}
