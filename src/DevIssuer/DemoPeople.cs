using Concordat.DemoData;
using Concordat.ServiceDefaults;

namespace Concordat.DevIssuer;

/// <summary>
/// A person the sign-in page offers: a demo person of the registry's Gloucestershire Conference (subject
/// <c>demo-&lt;key&gt;</c>, which the registry links to their memberships), or an account with no membership (the
/// partner administrator, the platform administrator). The roles are what the token claims; body-scoped roles are
/// still checked by the services against the registry's memberships.
/// </summary>
public sealed record DemoPerson(string Key, string Name, string Description, IReadOnlyList<string> Roles, Guid? Organisation = null)
{
    /// <summary>The token's <c>sub</c>.</summary>
    public string Subject => DemoIds.Subject(Key);
}

/// <summary>The people the development sign-in page lists, in the order it lists them.</summary>
public static class DemoPeople
{
    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("joanna-pryce", "Joanna Pryce",
            "Partnership Support Officer, Gloucestershire County Council: clerk of the Gloucestershire Strategic Partnership (GSP), the Accountable Bodies Group (ABG) and the Community Strategy Executive Board (CSEB)",
            [ConcordatRoles.Clerk]),
        new("martin-coles", "Martin Coles",
            "Scrutiny Officer, Gloucestershire County Council: clerk of the Joint Partnerships Overview and Scrutiny Committee",
            [ConcordatRoles.ScrutinyOfficer, ConcordatRoles.Clerk]),
        new("anne-whitcombe", "Anne Whitcombe", "Chair of the Gloucestershire Strategic Partnership (GSP)", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("margaret-ellery", "Margaret Ellery", "Chair of the Accountable Bodies Group (ABG)", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("richard-haywood", "Richard Haywood", "Chief Executive of the County Council, chair of the CSEB", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("brian-yardley", "Brian Yardley", "County Councillor, chair of the Joint Partnerships Overview and Scrutiny Committee", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("mark-ellison", "Mark Ellison", "Assistant Chief Constable, chair of the Safer and Stronger Communities Partnership", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("caroline-beckett", "Caroline Beckett", "Chair of Gloucestershire First and of the Employco task group", [ConcordatRoles.Chair, ConcordatRoles.Member]),
        new("peter-marchant", "Peter Marchant", "Leader of the County Council, member of the ABG", [ConcordatRoles.Member]),
        new("pct-administrator", "PCT partner administrator",
            "Administrator of Gloucestershire Primary Care Trust's systems: manages the PCT's webhook endpoints and feeds (a partner, for that organisation)",
            [ConcordatRoles.Partner], DemoIds.For("organisations", "pct")),
        new("platform-admin", "Platform administrator", "Runs the platform: passes every check", [ConcordatRoles.PlatformAdmin]),
    ];

    public static DemoPerson? Find(string? key) => All.FirstOrDefault(p => p.Key == key);
}
