using Concordat.Web.Apis;

namespace Concordat.Web.Delivery;

/// <summary>
/// A plan's actions, flat in the API (each naming its <c>parentId</c>), as the nested list the page shows: top-level
/// actions in the order added, each followed by its children. An action whose parent is not in the list is shown at the
/// top level rather than lost.
/// </summary>
public sealed record ActionNode(DeliveryAction Action, IReadOnlyList<ActionNode> Children)
{
    public static IReadOnlyList<ActionNode> Of(IReadOnlyList<DeliveryAction> actions)
    {
        var ids = actions.Select(a => a.Id).ToHashSet();
        var byParent = actions.Where(a => a.ParentId is { } p && ids.Contains(p)).ToLookup(a => a.ParentId!.Value);
        var seen = new HashSet<Guid>();
        ActionNode Build(DeliveryAction action) =>
            new(action, seen.Add(action.Id) ? [.. byParent[action.Id].Where(c => !seen.Contains(c.Id)).Select(Build)] : []);
        return [.. actions.Where(a => a.ParentId is not { } p || !ids.Contains(p)).Select(Build)];
    }
}
