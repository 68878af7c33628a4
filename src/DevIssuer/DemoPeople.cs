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
    /// <summary>The heading the sign-in page lists this person under (<see cref="DemoPeople.Groups"/>).</summary>
    public string Group { get; init; } = DemoPeople.Officers;

    /// <summary>The token's <c>sub</c>.</summary>
    public string Subject => DemoIds.Subject(Key);
}

/// <summary>The people the development sign-in page lists, by <see cref="Groups"/>, in the order it lists them.</summary>
public static class DemoPeople
{
    public const string Officers = "Clerks and officers";

    public const string CountyChairs = "Chairs of countywide partnerships";

    public const string DistrictChairs = "Chairs of district Local Strategic Partnerships";

    public const string Members = "Members";

    public const string Administrators = "Administrators";

    /// <summary>The page's headings, in order; each person is under one.</summary>
    public static readonly IReadOnlyList<string> Groups = [Officers, CountyChairs, DistrictChairs, Members, Administrators];

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new("joanna-pryce", "Joanna Pryce",
            "Partnership Support Officer, Gloucestershire County Council: clerk of the Gloucestershire Strategic Partnership (GSP), the Accountable Bodies Group (ABG) and the Community Strategy Executive Board (CSEB)",
            [ConcordatRoles.Clerk]),
        new("martin-coles", "Martin Coles",
            "Scrutiny Officer, Gloucestershire County Council: clerk of the Joint Partnerships Overview and Scrutiny Committee",
            [ConcordatRoles.ScrutinyOfficer, ConcordatRoles.Clerk]),
        new("anne-whitcombe", "Anne Whitcombe", "Chair of the Gloucestershire Strategic Partnership (GSP)", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        new("margaret-ellery", "Margaret Ellery", "Chair of the Accountable Bodies Group (ABG)", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        new("richard-haywood", "Richard Haywood", "Chief Executive of the County Council, chair of the CSEB", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        new("brian-yardley", "Brian Yardley", "County Councillor, chair of the Joint Partnerships Overview and Scrutiny Committee", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        new("mark-ellison", "Mark Ellison", "Assistant Chief Constable, chair of the Safer and Stronger Communities Partnership", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        new("caroline-beckett", "Caroline Beckett", "Chair of Gloucestershire First and of the Employco task group", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = CountyChairs },
        // The registry's chairs of the six district LSPs (each but Tewkesbury's also its LSP's member of the GSP): the
        // bodies a county issue is referred to, whose chair answers the referral.
        District("naomi-feltham", "Naomi Feltham", "Cabinet Member for Communities, Cheltenham Borough Council", "Cheltenham Strategic Partnership"),
        District("rupert-lyle", "Rupert Lyle", "Cotswold Area Representative, Gloucestershire Business Forum", "Cotswold Local Strategic Partnership"),
        District("kenneth-mayo", "Kenneth Mayo", "Forest of Dean Network Co-ordinator, Gloucestershire Voluntary Sector Assembly", "Forest of Dean Local Strategic Partnership"),
        District("elaine-boxwell", "Elaine Boxwell", "Cabinet Member for Neighbourhoods, Gloucester City Council", "Gloucester Partnership"),
        District("rosalind-kemp", "Rosalind Kemp", "Stroud Assembly Member, Gloucestershire Voluntary Sector Assembly", "Stroud Local Strategic Partnership"),
        District("clive-hemming", "Clive Hemming", "Deputy Leader, Tewkesbury Borough Council", "Tewkesbury Local Strategic Partnership"),
        new("peter-marchant", "Peter Marchant", "Leader of the County Council, member of the ABG", [ConcordatRoles.Member]) { Group = Members },
        new("pct-administrator", "PCT partner administrator",
            "Administrator of Gloucestershire Primary Care Trust's systems: manages the PCT's webhook endpoints and feeds (a partner, for that organisation)",
            [ConcordatRoles.Partner], DemoIds.For("organisations", "pct")) { Group = Administrators },
        new("platform-admin", "Platform administrator", "Runs the platform: passes every check", [ConcordatRoles.PlatformAdmin]) { Group = Administrators },
    ];

    public static DemoPerson? Find(string? key) => All.FirstOrDefault(p => p.Key == key);

    private static DemoPerson District(string key, string name, string post, string lsp) =>
        new(key, name, $"{post}: chair of the {lsp}", [ConcordatRoles.Chair, ConcordatRoles.Member]) { Group = DistrictChairs };
}
