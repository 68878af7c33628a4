using Concordat.Web.Apis;
using Concordat.Web.Apis.Clerk;

namespace Concordat.Web.Referrals;

/// <summary>
/// The groups of bodies a referral can ask in one step ("all district LSPs"), as the cycle's selection resolves them:
/// the active bodies matching every part given, never the referring body. <see cref="Members"/> previews the bodies a
/// group asks, from the registry's list, so the clerk sees who will be asked before sending.
/// </summary>
public static class ReferralGroups
{
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
}
