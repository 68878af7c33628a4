using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using static Concordat.Registry.Bodies.CycleRole;
using static Concordat.Registry.Memberships.MembershipRole;
using static Concordat.Registry.Relationships.RelationshipKind;

namespace Concordat.Registry.DemoData;

// The Gloucestershire Conference as the prospectus (October 2008) describes it. Bodies, seats and relationships follow
// sections 3 and 5; organisations are the real partners it names. Every person is fictional, and so are the joint
// scrutiny committee (section 4(e) says one was being prepared) and the business forum.
public sealed partial class GloucestershireConference
{
    /// <summary>Memberships start on the date of the updated prospectus unless a row says otherwise.</summary>
    public static readonly DateOnly Reaffirmed = new(2008, 10, 1);

    /// <summary>"They will be reviewed again by October 2009" (section 6): the county bodies' terms are due then.</summary>
    public static readonly DateOnly ReviewBy = new(2009, 10, 31);

    private const string ExecutiveDirectors = "Alternatives at executive director level";

    // DutyToCooperate marks the partner authorities named for the Local Area Agreement (section 4(f)): the districts,
    // police, police authority, PCT, LSC and RDA. The County Council prepares the LAA, so the duty is not its own.
    private static readonly OrganisationRow[] OrganisationRows =
    [
        new("gcc", "Gloucestershire County Council", "GCC", OrganisationKind.CountyCouncil, false, "http://www.gloucestershire.gov.uk"),
        new("cheltenham", "Cheltenham Borough Council", "CBC", OrganisationKind.DistrictCouncil, true),
        new("cotswold", "Cotswold District Council", "CDC", OrganisationKind.DistrictCouncil, true),
        new("forest-of-dean", "Forest of Dean District Council", "FoDDC", OrganisationKind.DistrictCouncil, true),
        new("gloucester", "Gloucester City Council", "GCiC", OrganisationKind.DistrictCouncil, true),
        new("stroud", "Stroud District Council", "SDC", OrganisationKind.DistrictCouncil, true),
        new("tewkesbury", "Tewkesbury Borough Council", "TBC", OrganisationKind.DistrictCouncil, true),
        new("constabulary", "Gloucestershire Constabulary", null, OrganisationKind.Police, true),
        new("police-authority", "Gloucestershire Police Authority", null, OrganisationKind.PoliceAuthority, true),
        new("pct", "Gloucestershire Primary Care Trust", "PCT", OrganisationKind.NhsBody, true),
        new("vsa", "Gloucestershire Voluntary Sector Assembly", "VCS Assembly", OrganisationKind.VoluntarySector, false),
        new("lsc", "Learning and Skills Council (Gloucestershire)", "LSC", OrganisationKind.PublicAgency, true),
        new("rda", "South West Regional Development Agency", "SWRDA", OrganisationKind.PublicAgency, true),
        new("gosw", "Government Office for the South West", "GOSW", OrganisationKind.GovernmentOffice, false),
        new("business-forum", "Gloucestershire Business Forum", null, OrganisationKind.Business, false),
    ];

    // Roles: the cycle has no evaluation role. The GSP is the deliberative forum that also "evaluate[s] progress"
    // (section 3(a)); evaluation (what was learnt, and why) is therefore held by a deliberative body, while the CSEB's
    // monitoring is part of implementation (executive). LSPs debate locally and deliver locally; thematic partnerships
    // deliver the LAA. All are strategic partnerships in the prospectus's sense, CSEB included: it commissions work
    // from others rather than delivering it. Support follows section 5.
    private static readonly BodyRow[] BodyRows =
    [
        new("gsp", "Gloucestershire Strategic Partnership", "GSP", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County, [Deliberative], "gcc",
            "A \"partnership of partnerships\" providing the framework within which other partnerships operate. Develops the long-term vision and an effective Sustainable Community Strategy for Gloucestershire, and is the deliberative forum for exploring new and emerging issues, recommending ways to take them forward (or not) in the partnership arena, and evaluating progress.",
            "http://www.gloucestershire.gov.uk/gsp", ReviewBy),
        new("abg", "Accountable Bodies Group", "ABG", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County, [Authorising], "gcc",
            "Brings together council and other leaders to commit to and sign off (authorise) major decisions emerging from the partnership structures: collective decision making that helps the partner organisations deliver the agreed strategies, including allocating resources to support priorities. Oversees delivery and roll-forward of the Local Area Agreement.",
            "http://www.gloucestershire.gov.uk/abg", ReviewBy),
        new("cseb", "Community Strategy Executive Board", "CSEB", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County, [Executive], "gcc",
            "Advises the GSP and the ABG and implements decisions: commissions work from organisations and partnerships to deliver the Sustainable Community Strategy, and monitors delivery of the Local Area Agreement and other delivery plans, including their risks.",
            "http://www.gloucestershire.gov.uk/cseb", ReviewBy),
        new("cypsp", "Gloucestershire Children and Young People's Strategic Partnership", "CYPSP", BodyType.Strategic, BodyScope.Thematic, "Children and young people", Tier.County, [Delivery], "gcc",
            "Thematic partnership directly responsible for delivering the children and young people's outcomes of the Local Area Agreement."),
        new("safer-stronger", "Gloucestershire Safer and Stronger Communities Partnership", "Safer and Stronger", BodyType.Strategic, BodyScope.Thematic, "Safer and stronger communities", Tier.County, [Delivery], "constabulary",
            "Thematic partnership directly responsible for delivering the safer and stronger communities outcomes of the Local Area Agreement."),
        new("gloucestershire-first", "Gloucestershire First (Economic Development and Enterprise)", "Gloucestershire First", BodyType.Strategic, BodyScope.Thematic, "Economic development and enterprise", Tier.County, [Delivery], "gcc",
            "Thematic partnership directly responsible for delivering the economic development and enterprise outcomes of the Local Area Agreement."),
        new("health-wellbeing", "Gloucestershire Health and Community Well-being Partnership", "Health and Well-being", BodyType.Strategic, BodyScope.Thematic, "Health and community well-being", Tier.County, [Delivery], "pct",
            "Thematic partnership directly responsible for delivering the health and community well-being outcomes of the Local Area Agreement."),
        new("environment", "Gloucestershire Environment Partnership", "Environment Partnership", BodyType.Strategic, BodyScope.Thematic, "Environment", Tier.County, [Delivery], "gcc",
            "Thematic partnership directly responsible for delivering the environment outcomes of the Local Area Agreement."),
        new("cheltenham-lsp", "Cheltenham Strategic Partnership", null, BodyType.Strategic, BodyScope.Geographic, "Cheltenham", Tier.District, [Deliberative, Delivery], "cheltenham", LspTerms),
        new("cotswold-lsp", "Cotswold Local Strategic Partnership", "Cotswold LSP", BodyType.Strategic, BodyScope.Geographic, "Cotswold", Tier.District, [Deliberative, Delivery], "cotswold", LspTerms),
        new("forest-of-dean-lsp", "Forest of Dean Local Strategic Partnership", "Forest of Dean LSP", BodyType.Strategic, BodyScope.Geographic, "Forest of Dean", Tier.District, [Deliberative, Delivery], "forest-of-dean", LspTerms),
        new("gloucester-lsp", "Gloucester Partnership", null, BodyType.Strategic, BodyScope.Geographic, "Gloucester", Tier.District, [Deliberative, Delivery], "gloucester", LspTerms),
        new("stroud-lsp", "Stroud Local Strategic Partnership", "Stroud LSP", BodyType.Strategic, BodyScope.Geographic, "Stroud", Tier.District, [Deliberative, Delivery], "stroud", LspTerms),
        new("tewkesbury-lsp", "Tewkesbury Local Strategic Partnership", "Tewkesbury LSP", BodyType.Strategic, BodyScope.Geographic, "Tewkesbury", Tier.District, [Deliberative, Delivery], "tewkesbury", LspTerms),
        new("joint-scrutiny", "Gloucestershire Joint Partnerships Overview and Scrutiny Committee", "Joint Partnerships OSC", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County, [Scrutiny], "gcc",
            "A joint committee of county and district councillors that scrutinises the partnerships' decisions and the delivery of the Local Area Agreement: requires information from partner authorities, publishes reports and recommendations, and co-ordinates the two tiers' scrutiny so it is not duplicated.",
            null, new DateOnly(2009, 5, 31)),
        // Appendix 1, Employco: "a task group led by Gloucestershire First, but involving the [Gloucester] and Forest of
        // Dean LSPs is set up to oversee" the action plan. It has no cycle role: the cycle registers it for that one
        // issue, which lets it lead the implementation.
        new("employco-task-group", "Employco Closure Task Group", "Employco task group", BodyType.Operational, BodyScope.Thematic, "Economic development and enterprise", Tier.County, [], "gcc",
            "Set up to oversee the action plan agreed when Employco announced the closure of its Gloucester plant: tailored benefits, career and training support for the workforce, and the redevelopment of the site."),
    ];

    private const string LspTerms =
        "District-level Local Strategic Partnership: contributes to the delivery of the countywide Sustainable Community Strategy and develops its own; consults locally to identify district priorities within the context of the countywide strategy; supports local delivery of aims by district partners.";

    // Section 3's membership lists, one seat per line. Officers' seats on the CSEB are for people who are not elected.
    // The CSEB's County Council chief executive sits once, in the chair; the six districts' chief executives fill one seat.
    private static readonly SeatRow[] SeatRows =
    [
        new("gsp", "chair", "Chair: a leading member of Gloucestershire County Council", 1, SeatHolder.Elected, Representation.Organisation, Chair: true),
        new("gsp", "district-lsps", "One representative of each of the district-level local strategic partnerships", 6, SeatHolder.Anyone, Representation.Body, OnePerRepresented: true),
        new("gsp", "thematic-partnerships", "One representative from each thematic partnership", 5, SeatHolder.Anyone, Representation.Body, OnePerRepresented: true),
        new("gsp", "vsa-board", "One representative from the Voluntary Sector Assembly Board", 1, SeatHolder.Anyone, Representation.Organisation),

        new("abg", "chair", "Chair: an independent person (a non-elected member)", 1, SeatHolder.NonElected, Representation.Nobody, Chair: true),
        new("abg", "council-leaders", "A leading executive member from the County Council and each of the six district councils", 7, SeatHolder.Elected, Representation.Organisation, OnePerRepresented: true),
        new("abg", "vsa-chair", "The Chair of the Voluntary Sector Assembly Board", 1, SeatHolder.Anyone, Representation.Organisation),
        new("abg", "police-authority-chair", "The Chair of the Police Authority", 1, SeatHolder.Anyone, Representation.Organisation),
        new("abg", "pct-chair", "The Chair of the Primary Care Trust", 1, SeatHolder.Anyone, Representation.Organisation),
        new("abg", "lsc-board-member", "The County Board member of the Learning and Skills Council", 1, SeatHolder.Anyone, Representation.Organisation),
        new("abg", "rda-board-member", "The County Board member from the Regional Development Agency", 1, SeatHolder.Anyone, Representation.Organisation),
        new("abg", "business", "Appropriate representation from the business sector", 2, SeatHolder.Anyone, Representation.Organisation),

        new("cseb", "chair", "Chair: the Chief Executive of the County Council", 1, SeatHolder.NonElected, Representation.Organisation, Chair: true, Substitutes: ExecutiveDirectors),
        new("cseb", "district-chief-executives", "Chief Executives of the six district councils", 6, SeatHolder.NonElected, Representation.Organisation, OnePerRepresented: true, Substitutes: ExecutiveDirectors),
        new("cseb", "pct-chief-executive", "Chief Executive of the Primary Care Trust", 1, SeatHolder.NonElected, Representation.Organisation, Substitutes: ExecutiveDirectors),
        new("cseb", "chief-constable", "Chief Constable", 1, SeatHolder.NonElected, Representation.Organisation, Substitutes: ExecutiveDirectors),
        new("cseb", "vsa-manager", "Partnership and Participation Manager of the Voluntary Sector Assembly", 1, SeatHolder.NonElected, Representation.Organisation, Substitutes: ExecutiveDirectors),
        new("cseb", "lsc-director", "Director of the Learning and Skills Council", 1, SeatHolder.NonElected, Representation.Organisation, Substitutes: ExecutiveDirectors),
        new("cseb", "thematic-lead-officers", "Lead Officers from each thematic partnership", 5, SeatHolder.NonElected, Representation.Body, OnePerRepresented: true, Substitutes: ExecutiveDirectors),
        new("cseb", "rda-area-lead", "Area lead for the Regional Development Agency", 1, SeatHolder.NonElected, Representation.Organisation, Substitutes: ExecutiveDirectors),
        // Government Office speaks for central government, which is not a partner authority: it advises, without a vote.
        new("cseb", "gosw-area-lead", "Area lead, Government Office for the South West", 1, SeatHolder.NonElected, Representation.Organisation, Voting: false, Substitutes: ExecutiveDirectors),

        new("joint-scrutiny", "chair", "Chair: a county councillor", 1, SeatHolder.Elected, Representation.Organisation, Chair: true),
        new("joint-scrutiny", "county-councillors", "County councillors", 3, SeatHolder.Elected, Representation.Organisation),
        new("joint-scrutiny", "district-councillors", "One councillor from each district council", 6, SeatHolder.Elected, Representation.Organisation, OnePerRepresented: true),

        new("cypsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("safer-stronger", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("gloucestershire-first", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("health-wellbeing", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("environment", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("cheltenham-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("cotswold-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("forest-of-dean-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("gloucester-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("stroud-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("tewkesbury-lsp", "chair", "Chair", 1, SeatHolder.Anyone, Representation.Nobody, Chair: true),
        new("employco-task-group", "chair", "Chair: from Gloucestershire First, which leads the task group", 1, SeatHolder.Anyone, Representation.Body, Chair: true),
        new("employco-task-group", "lsps", "One representative of each of the Gloucester and Forest of Dean LSPs", 2, SeatHolder.Anyone, Representation.Body, OnePerRepresented: true),
    ];

    private const bool Elected = true;
    private const bool NotElected = false;

    private static readonly PersonRow[] PersonRows =
    [
        new("peter-marchant", "Peter Marchant", Elected, [("gcc", "Leader of the Council")]),
        new("anne-whitcombe", "Anne Whitcombe", Elected, [("gcc", "Deputy Leader and Cabinet Member for Communities")]),
        new("gillian-price", "Gillian Price", Elected, [("gcc", "Cabinet Member for Children and Young People")]),
        new("brian-yardley", "Brian Yardley", Elected, [("gcc", "County Councillor")]),
        new("helen-ashby", "Helen Ashby", Elected, [("gcc", "County Councillor")]),
        new("keith-dunmore", "Keith Dunmore", Elected, [("gcc", "County Councillor")]),
        new("roger-tidmarsh", "Roger Tidmarsh", Elected, [("police-authority", "Chair"), ("gcc", "County Councillor")]),
        new("richard-haywood", "Richard Haywood", NotElected, [("gcc", "Chief Executive")]),
        new("joanna-pryce", "Joanna Pryce", NotElected, [("gcc", "Partnership Support Officer, Community Strategy Support Team")]),
        new("martin-coles", "Martin Coles", NotElected, [("gcc", "Scrutiny Officer")]),
        new("sarah-lindley", "Sarah Lindley", NotElected, [("gcc", "Director of Children and Young People's Services")]),
        new("rachel-dyer", "Rachel Dyer", NotElected, [("gcc", "Head of Community Safety")]),
        new("graham-oakes", "Graham Oakes", NotElected, [("gcc", "Head of Economic Development")]),
        new("thomas-fairweather", "Thomas Fairweather", NotElected, [("gcc", "Head of Environment")]),

        new("alistair-penrose", "Alistair Penrose", Elected, [("cheltenham", "Leader of the Council")]),
        new("naomi-feltham", "Naomi Feltham", Elected, [("cheltenham", "Cabinet Member for Communities")]),
        new("owen-lacey", "Owen Lacey", Elected, [("cheltenham", "Borough Councillor")]),
        new("judith-ambrose", "Judith Ambrose", NotElected, [("cheltenham", "Chief Executive")]),
        new("harriet-mabey", "Harriet Mabey", Elected, [("cotswold", "Leader of the Council")]),
        new("colin-thorne", "Colin Thorne", NotElected, [("cotswold", "Chief Executive")]),
        new("rupert-lyle", "Rupert Lyle", NotElected, [("business-forum", "Cotswold Area Representative")]),
        new("derek-hollins", "Derek Hollins", Elected, [("forest-of-dean", "Leader of the Council")]),
        new("susan-bream", "Susan Bream", Elected, [("forest-of-dean", "District Councillor")]),
        new("patricia-holloway", "Patricia Holloway", NotElected, [("forest-of-dean", "Chief Executive")]),
        new("kenneth-mayo", "Kenneth Mayo", NotElected, [("vsa", "Forest of Dean Network Co-ordinator")]),
        new("paul-kinsella", "Paul Kinsella", Elected, [("gloucester", "Leader of the Council")]),
        new("elaine-boxwell", "Elaine Boxwell", Elected, [("gloucester", "Cabinet Member for Neighbourhoods")]),
        new("trevor-coates", "Trevor Coates", Elected, [("gloucester", "City Councillor")]),
        new("imran-sattar", "Imran Sattar", NotElected, [("gloucester", "Chief Executive")]),
        new("margaret-ashdown", "Margaret Ashdown", Elected, [("stroud", "Leader of the Council")]),
        new("fiona-maddox", "Fiona Maddox", Elected, [("stroud", "Cabinet Member for Environment")]),
        new("philip-dancey", "Philip Dancey", Elected, [("stroud", "District Councillor")]),
        new("neil-pritchard", "Neil Pritchard", NotElected, [("stroud", "Chief Executive")]),
        new("jane-whitlock", "Jane Whitlock", NotElected, [("stroud", "Executive Director")]),
        new("rosalind-kemp", "Rosalind Kemp", NotElected, [("vsa", "Stroud Assembly Member")]),
        new("graham-tolley", "Graham Tolley", Elected, [("tewkesbury", "Leader of the Council")]),
        new("clive-hemming", "Clive Hemming", Elected, [("tewkesbury", "Deputy Leader")]),
        new("dennis-whitfield", "Dennis Whitfield", Elected, [("tewkesbury", "Borough Councillor")]),
        new("alison-marsh", "Alison Marsh", NotElected, [("tewkesbury", "Chief Executive")]),

        new("timothy-garrard", "Timothy Garrard", NotElected, [("constabulary", "Chief Constable")]),
        new("mark-ellison", "Mark Ellison", NotElected, [("constabulary", "Assistant Chief Constable")]),
        new("eleanor-hurst", "Eleanor Hurst", NotElected, [("pct", "Chair")]),
        new("andrew-selwood", "Andrew Selwood", NotElected, [("pct", "Chief Executive")]),
        new("jonathan-rees", "Jonathan Rees", NotElected, [("pct", "Non-executive Director")]),
        new("kate-norbury", "Kate Norbury", NotElected, [("pct", "Director of Public Health")]),
        new("bernard-okoro", "Bernard Okoro", NotElected, [("vsa", "Chair of the Assembly Board")]),
        new("pauline-cottrell", "Pauline Cottrell", NotElected, [("vsa", "Assembly Board Member")]),
        new("dominic-hale", "Dominic Hale", NotElected, [("vsa", "Partnership and Participation Manager")]),
        new("geoffrey-tanner", "Geoffrey Tanner", NotElected, [("lsc", "County Board Member")]),
        new("lorna-baxter", "Lorna Baxter", NotElected, [("lsc", "Area Director")]),
        new("hugh-chamberlain", "Hugh Chamberlain", NotElected, [("rda", "Board Member")]),
        new("nadia-fenwick", "Nadia Fenwick", NotElected, [("rda", "Area Lead, Gloucestershire")]),
        new("christopher-blanch", "Christopher Blanch", NotElected, [("gosw", "Area Lead, Gloucestershire")]),
        new("simon-fairbairn", "Simon Fairbairn", NotElected, [("business-forum", "Chair")]),
        new("caroline-beckett", "Caroline Beckett", NotElected, [("business-forum", "Board Member")]),
        new("margaret-ellery", "Margaret Ellery", NotElected, []),
        new("ruth-calloway", "Ruth Calloway", NotElected, []),
    ];

    // Vacancies left on purpose: the Tewkesbury LSP's place on the GSP, one of the ABG's two business places, the
    // CSEB's LSC director (the last one left as the local LSC wound down, section 4(f)), a county and a district
    // (Cotswold) place on the joint scrutiny committee.
    private static readonly MembershipRow[] MembershipRows =
    [
        new("anne-whitcombe", "gsp", "chair", Chair, "gcc"),
        new("naomi-feltham", "gsp", "district-lsps", Member, "cheltenham-lsp"),
        new("rupert-lyle", "gsp", "district-lsps", Member, "cotswold-lsp"),
        new("kenneth-mayo", "gsp", "district-lsps", Member, "forest-of-dean-lsp"),
        new("elaine-boxwell", "gsp", "district-lsps", Member, "gloucester-lsp"),
        new("rosalind-kemp", "gsp", "district-lsps", Member, "stroud-lsp"),
        new("gillian-price", "gsp", "thematic-partnerships", Member, "cypsp"),
        new("mark-ellison", "gsp", "thematic-partnerships", Member, "safer-stronger"),
        new("caroline-beckett", "gsp", "thematic-partnerships", Member, "gloucestershire-first"),
        new("jonathan-rees", "gsp", "thematic-partnerships", Member, "health-wellbeing"),
        new("fiona-maddox", "gsp", "thematic-partnerships", Member, "environment"),
        new("pauline-cottrell", "gsp", "vsa-board", Member, "vsa"),
        // "Others may be approached to join the GSP ... to give advice": co-opted outside the seats, without a vote.
        new("ruth-calloway", "gsp", null, CoOpted),
        new("joanna-pryce", "gsp", null, Clerk),

        new("margaret-ellery", "abg", "chair", Chair),
        new("peter-marchant", "abg", "council-leaders", Member, "gcc"),
        new("alistair-penrose", "abg", "council-leaders", Member, "cheltenham"),
        new("harriet-mabey", "abg", "council-leaders", Member, "cotswold"),
        new("derek-hollins", "abg", "council-leaders", Member, "forest-of-dean"),
        new("paul-kinsella", "abg", "council-leaders", Member, "gloucester"),
        new("margaret-ashdown", "abg", "council-leaders", Member, "stroud"),
        new("graham-tolley", "abg", "council-leaders", Member, "tewkesbury"),
        new("bernard-okoro", "abg", "vsa-chair", Member, "vsa"),
        new("roger-tidmarsh", "abg", "police-authority-chair", Member, "police-authority"),
        new("eleanor-hurst", "abg", "pct-chair", Member, "pct"),
        new("geoffrey-tanner", "abg", "lsc-board-member", Member, "lsc"),
        new("hugh-chamberlain", "abg", "rda-board-member", Member, "rda"),
        new("simon-fairbairn", "abg", "business", Member, "business-forum"),
        new("joanna-pryce", "abg", null, Clerk),

        new("richard-haywood", "cseb", "chair", Chair, "gcc"),
        new("judith-ambrose", "cseb", "district-chief-executives", Member, "cheltenham"),
        new("colin-thorne", "cseb", "district-chief-executives", Member, "cotswold"),
        new("patricia-holloway", "cseb", "district-chief-executives", Member, "forest-of-dean"),
        new("imran-sattar", "cseb", "district-chief-executives", Member, "gloucester"),
        new("neil-pritchard", "cseb", "district-chief-executives", Member, "stroud"),
        new("alison-marsh", "cseb", "district-chief-executives", Member, "tewkesbury"),
        new("jane-whitlock", "cseb", "district-chief-executives", Substitute, "stroud"),
        new("andrew-selwood", "cseb", "pct-chief-executive", Member, "pct"),
        new("timothy-garrard", "cseb", "chief-constable", Member, "constabulary"),
        new("dominic-hale", "cseb", "vsa-manager", Member, "vsa"),
        new("lorna-baxter", "cseb", "lsc-director", Member, "lsc", new DateOnly(2007, 4, 1), new DateOnly(2008, 9, 30)),
        new("sarah-lindley", "cseb", "thematic-lead-officers", Member, "cypsp"),
        new("rachel-dyer", "cseb", "thematic-lead-officers", Member, "safer-stronger"),
        new("graham-oakes", "cseb", "thematic-lead-officers", Member, "gloucestershire-first"),
        new("kate-norbury", "cseb", "thematic-lead-officers", Member, "health-wellbeing"),
        new("thomas-fairweather", "cseb", "thematic-lead-officers", Member, "environment"),
        new("nadia-fenwick", "cseb", "rda-area-lead", Member, "rda"),
        new("christopher-blanch", "cseb", "gosw-area-lead", Adviser, "gosw"),
        new("joanna-pryce", "cseb", null, Clerk),

        new("brian-yardley", "joint-scrutiny", "chair", Chair, "gcc"),
        new("helen-ashby", "joint-scrutiny", "county-councillors", Member, "gcc"),
        new("keith-dunmore", "joint-scrutiny", "county-councillors", Member, "gcc"),
        new("owen-lacey", "joint-scrutiny", "district-councillors", Member, "cheltenham"),
        new("susan-bream", "joint-scrutiny", "district-councillors", Member, "forest-of-dean"),
        new("trevor-coates", "joint-scrutiny", "district-councillors", Member, "gloucester"),
        new("philip-dancey", "joint-scrutiny", "district-councillors", Member, "stroud"),
        new("dennis-whitfield", "joint-scrutiny", "district-councillors", Member, "tewkesbury"),
        new("martin-coles", "joint-scrutiny", null, Clerk),

        // Each partnership's representative on the GSP is its chair.
        new("gillian-price", "cypsp", "chair", Chair),
        new("mark-ellison", "safer-stronger", "chair", Chair),
        new("caroline-beckett", "gloucestershire-first", "chair", Chair),
        new("jonathan-rees", "health-wellbeing", "chair", Chair),
        new("fiona-maddox", "environment", "chair", Chair),
        new("naomi-feltham", "cheltenham-lsp", "chair", Chair),
        new("rupert-lyle", "cotswold-lsp", "chair", Chair),
        new("kenneth-mayo", "forest-of-dean-lsp", "chair", Chair),
        new("elaine-boxwell", "gloucester-lsp", "chair", Chair),
        new("rosalind-kemp", "stroud-lsp", "chair", Chair),
        new("clive-hemming", "tewkesbury-lsp", "chair", Chair),

        new("caroline-beckett", "employco-task-group", "chair", Chair, "gloucestershire-first"),
        new("elaine-boxwell", "employco-task-group", "lsps", Member, "gloucester-lsp"),
        new("kenneth-mayo", "employco-task-group", "lsps", Member, "forest-of-dean-lsp"),
    ];

    // The GSP is a "partnership of partnerships": the thematic partnerships are part of it (the Gloucestershire
    // Conference is only the collective name for all the arrangements, not a body that meets or holds a stage) and,
    // like the district LSPs, represented on it. The thematic partnerships are also represented on the CSEB and report
    // to it on delivering the LAA, which it performance-manages; the CSEB implements the ABG's decisions.
    private static readonly string[] ThematicPartnerships = ["cypsp", "safer-stronger", "gloucestershire-first", "health-wellbeing", "environment"];

    private static readonly string[] DistrictLsps = ["cheltenham-lsp", "cotswold-lsp", "forest-of-dean-lsp", "gloucester-lsp", "stroud-lsp", "tewkesbury-lsp"];

    private static readonly RelationshipRow[] RelationshipRows =
    [
        .. ThematicPartnerships.SelectMany(t => new RelationshipRow[]
        {
            new(t, PartOf, "gsp"),
            new(t, RepresentedOn, "gsp"),
            new(t, RepresentedOn, "cseb"),
            new(t, ReportsTo, "cseb"),
        }),
        .. DistrictLsps.Select(l => new RelationshipRow(l, RepresentedOn, "gsp")),
        new("cseb", ReportsTo, "abg"),
        new("employco-task-group", ReportsTo, "gloucestershire-first"),
    ];

    private static readonly AgreementRow[] AgreementRows =
    [
        new(
            "compact",
            "The Gloucestershire Compact between the Third Sector and its statutory partners",
            AgreementKind.Compact,
            "Underpins and informs partnership working between the Third Sector and its statutory partners across Gloucestershire, with its Codes of Practice (section 3(g)).",
            [
                "The Third Sector is a full and committed partner in delivering the Gloucestershire vision.",
                "Statutory partners consult the sector in good time on policies and decisions that affect it.",
                "Funding and procurement follow the Compact's code of practice.",
                "Disagreements are first resolved through the Compact's own process.",
            ],
            Binding: false,
            ReviewDate: new DateOnly(2010, 3, 31),
            AgreementStatus.InForce,
            ["vsa", "gcc", "cheltenham", "cotswold", "forest-of-dean", "gloucester", "stroud", "tewkesbury", "constabulary", "police-authority", "pct", "lsc"],
            [
                new("bernard-okoro", "vsa", new DateOnly(2008, 3, 14)),
                new("peter-marchant", "gcc", new DateOnly(2008, 3, 14)),
                new("paul-kinsella", "gloucester", new DateOnly(2008, 3, 14)),
                new("timothy-garrard", "constabulary", new DateOnly(2008, 3, 20)),
                new("andrew-selwood", "pct", new DateOnly(2008, 4, 2)),
            ]),
    ];

    /// <summary>The Gloucestershire Conference as tables: what <see cref="SeedAsync"/> loads.</summary>
    public static ConfigurationTables Tables { get; } = new(OrganisationRows, BodyRows, SeatRows, PersonRows, MembershipRows, RelationshipRows, AgreementRows);
}
