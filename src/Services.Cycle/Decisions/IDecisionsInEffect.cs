namespace Concordat.Cycle.Decisions;

/// <summary>
/// Whether a decision on an issue is in effect (published, its call-in window over, not called in), which a move to
/// implementation needs. The seam the decisions slice fills: until decisions are recorded there is none in effect, so
/// no issue can move to implementation (<c>decision-not-in-effect</c>).
/// </summary>
public interface IDecisionsInEffect
{
    Task<bool> AnyForAsync(Guid issueId, CancellationToken cancellationToken);
}

/// <summary>No decisions are recorded yet, so none is in effect.</summary>
public sealed class NoDecisionsYet : IDecisionsInEffect
{
    public Task<bool> AnyForAsync(Guid issueId, CancellationToken cancellationToken) => Task.FromResult(false);
}
