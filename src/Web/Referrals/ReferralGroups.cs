using Concordat.Web.Apis;
using Concordat.Web.Apis.Clerk;
using Concordat.Web.Components.Forms;

namespace Concordat.Web.Referrals;

/// <summary>
/// The groups of bodies a referral can ask in one step ("all district LSPs"), as the cycle's selection resolves them:
/// the active bodies matching every part given, never the referring body. <see cref="Members"/> previews the bodies a
/// group asks, from the registry's list, so the clerk sees who will be asked before sending.
/// </summary>
public static class ReferralGroups
{
    /// <summary>The choice of no group: only the bodies named.</summary>
    public const string None = "none";

    public sealed record Group(string Key, string Label, string Hint, BodySelection Selection);

    public static IReadOnlyList<Group> All { get; } =
    [
        new("district-lsps", "All district LSPs", "Every district local strategic partnership", new BodySelection("district", "geographic", null)),
        new("thematic", "Every thematic partnership", "Every partnership with a theme (children and young people, the environment, …)", new BodySelection(null, "thematic", null)),
        new("thematic-delivery", "Every thematic delivery partnership", "The thematic partnerships that deliver the Local Area Agreement's outcomes", new BodySelection(null, "thematic", "delivery")),
        new("county", "Every county-wide partnership", "Every partnership at county tier", new BodySelection("county", null, null)),
    ];

    public static Group? Named(string? key) => All.FirstOrDefault(g => g.Key == key);

    /// <summary>The active bodies of <paramref name="bodies"/> that <paramref name="selection"/> asks, by name, leaving out <paramref name="referrer"/>.</summary>
    public static IReadOnlyList<BodySummary> Members(BodySelection selection, IEnumerable<BodySummary> bodies, Guid? referrer) =>
    [
        .. bodies.Where(b => b.Status == "active" && b.Id != referrer
                && (selection.Tier is null || b.Tier == selection.Tier)
                && (selection.Scope is null || b.Scope == selection.Scope)
                && (selection.Role is null || b.Roles.Contains(selection.Role)))
            .OrderBy(b => b.Name, StringComparer.CurrentCulture),
    ];

    /// <summary>"No group", then each group with the bodies it would ask today named in its hint.</summary>
    public static IReadOnlyList<Choice> Options(IEnumerable<BodySummary> bodies, Guid? referrer)
    {
        var known = bodies.ToList();
        return
        [
            new(None, "No group", "Only the bodies named below"),
            .. All.Select(g => Members(g.Selection, known, referrer) is { Count: > 0 } members
                ? new Choice(g.Key, g.Label, $"{members.Count} bodies: {string.Join(", ", members.Select(m => m.Name))}")
                : new Choice(g.Key, g.Label, g.Hint)),
        ];
    }
}
