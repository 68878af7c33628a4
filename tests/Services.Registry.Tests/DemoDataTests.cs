using Concordat.DemoData;
using System.Text.Json;
using Concordat.ServiceKit;
using Concordat.Messaging;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>
/// The Gloucestershire Conference loaded into a registry of its own and read back through its database (the
/// registry's API is still growing). Each test loads it first: the first load adds it, the others change nothing.
/// </summary>
public sealed class DemoDataTests(RegistryFactory registry) : IClassFixture<RegistryFactory>, IAsyncLifetime
{
    private static readonly string[] DistrictCouncils =
    [
        "Cheltenham Borough Council", "Cotswold District Council", "Forest of Dean District Council",
        "Gloucester City Council", "Stroud District Council", "Tewkesbury Borough Council",
    ];

    private static readonly OrganisationKind[] NamedLaaPartners =
    [
        OrganisationKind.DistrictCouncil, OrganisationKind.Police, OrganisationKind.PoliceAuthority, OrganisationKind.NhsBody, OrganisationKind.PublicAgency,
    ];

    public async Task InitializeAsync() => await registry.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_county_council_and_the_six_district_councils_are_registered_with_their_partners()
    {
        var organisations = await registry.ReadAsync(db => db.Organisations.AsNoTracking().ToListAsync());

        Assert.Equal("Gloucestershire County Council", Assert.Single(organisations, o => o.Kind == OrganisationKind.CountyCouncil).Name);
        Assert.Equal(DistrictCouncils, organisations.Where(o => o.Kind == OrganisationKind.DistrictCouncil).Select(o => o.Name).Order());
        foreach (var kind in new[] { OrganisationKind.Police, OrganisationKind.PoliceAuthority, OrganisationKind.NhsBody, OrganisationKind.VoluntarySector, OrganisationKind.GovernmentOffice, OrganisationKind.Business })
        {
            Assert.Single(organisations, o => o.Kind == kind);
        }

        Assert.Equal(["Learning and Skills Council (Gloucestershire)", "South West Regional Development Agency"],
            organisations.Where(o => o.Kind == OrganisationKind.PublicAgency).Select(o => o.Name).Order());
        Assert.All(organisations, o => Assert.Equal(NamedLaaPartners.Contains(o.Kind), o.DutyToCooperate));
    }

    [Fact]
    public async Task The_conference_bodies_play_the_roles_the_prospectus_gives_them()
    {
        var (bodies, organisations) = await registry.ReadAsync(async db =>
            (await db.Bodies.AsNoTracking().ToListAsync(), await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id)));
        var county = organisations.Values.Single(o => o.Kind == OrganisationKind.CountyCouncil).Id;

        Assert.Equal(16, bodies.Count);
        Assert.All(bodies, b => Assert.NotNull(b.SupportingOrganisationId));
        foreach (var (shortName, role, page) in new[] { ("GSP", CycleRole.Deliberative, "gsp"), ("ABG", CycleRole.Authorising, "abg"), ("CSEB", CycleRole.Executive, "cseb") })
        {
            var body = Assert.Single(bodies, b => b.ShortName == shortName);
            Assert.Equal([role], body.Roles);
            Assert.Equal((BodyType.Strategic, BodyScope.Geographic, Tier.County), (body.Type, body.Scope, body.Tier));
            Assert.Equal(county, body.SupportingOrganisationId);
            Assert.Equal(new Uri($"http://www.gloucestershire.gov.uk/{page}"), body.TermsOfReferenceUrl);
            Assert.Equal(new DateOnly(2009, 10, 31), body.TermsReviewDue);
            Assert.False(string.IsNullOrWhiteSpace(body.TermsOfReference));
        }

        // The thematic partnerships are strategic; the Employco task group (operational, no cycle role) is not one of them.
        var thematic = bodies.Where(b => b.Scope == BodyScope.Thematic && b.Type == BodyType.Strategic).ToList();
        Assert.Equal(5, thematic.Count);
        var taskGroup = Assert.Single(bodies, b => b.Type == BodyType.Operational);
        Assert.Empty(taskGroup.Roles);
        Assert.All(thematic, b => Assert.Equal([CycleRole.Delivery], b.Roles));

        var lsps = bodies.Where(b => b.Tier == Tier.District).ToList();
        Assert.Equal(6, lsps.Count);
        Assert.All(lsps, b => Assert.Equal([CycleRole.Deliberative, CycleRole.Delivery], b.Roles));
        Assert.All(lsps, b => Assert.Equal(BodyScope.Geographic, b.Scope));
        Assert.Equal(DistrictCouncils, lsps.Select(b => organisations[b.SupportingOrganisationId!.Value].Name).Order());

        var scrutiny = Assert.Single(bodies, b => b.Plays(CycleRole.Scrutiny));
        Assert.Equal([CycleRole.Scrutiny], scrutiny.Roles);
    }

    [Fact]
    public async Task The_seed_holds_the_seats_memberships_and_people_it_claims()
    {
        var tables = GloucestershireConference.Tables;

        var counts = await registry.ReadAsync(async db => new[]
        {
            await db.Organisations.CountAsync(), await db.People.CountAsync(), await db.Bodies.CountAsync(), await db.Seats.CountAsync(),
            await db.Memberships.CountAsync(), await db.Relationships.CountAsync(), await db.Agreements.CountAsync(),
        });
        var memberships = await registry.ReadAsync(db => db.Memberships.AsNoTracking().Select(m => m.Id).ToListAsync());

        Assert.Equal(
            [tables.Organisations.Count, tables.People.Count, tables.Bodies.Count, tables.Seats.Count, tables.Memberships.Count, tables.Relationships.Count, tables.Agreements.Count],
            counts);
        Assert.Equal(tables.Memberships.Select(m => DemoIds.For("memberships", m.Key)).Order(), memberships.Order());
        Assert.True(tables.Seats.Count >= 30 && tables.Memberships.Count >= 60 && tables.People.Count >= 50, "the seed should fill the conference, not sketch it");
    }

    [Fact]
    public async Task The_seats_follow_the_membership_lists_of_section_3()
    {
        var (bodies, seats) = await registry.ReadAsync(async db =>
            (await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.ShortName ?? b.Name), await db.Seats.AsNoTracking().ToListAsync()));
        Seat SeatOf(string body, string title) => Assert.Single(seats, s => s.BodyId == bodies[body].Id && s.Title.Contains(title, StringComparison.Ordinal));

        var lsps = SeatOf("GSP", "district-level local strategic partnerships");
        Assert.Equal((6, Representation.Body, true), (lsps.Places, lsps.Represents, lsps.OnePerRepresented));
        var thematic = SeatOf("GSP", "each thematic partnership");
        Assert.Equal((5, Representation.Body, true), (thematic.Places, thematic.Represents, thematic.OnePerRepresented));
        Assert.Equal((1, Representation.Organisation), (SeatOf("GSP", "Voluntary Sector Assembly Board").Places, SeatOf("GSP", "Voluntary Sector Assembly Board").Represents));
        var gspChair = SeatOf("GSP", "Chair");
        Assert.Equal((true, SeatHolder.Elected), (gspChair.Chair, gspChair.Holder));

        var leaders = SeatOf("ABG", "six district councils");
        Assert.Equal((7, SeatHolder.Elected, Representation.Organisation, true), (leaders.Places, leaders.Holder, leaders.Represents, leaders.OnePerRepresented));
        foreach (var title in new[] { "Voluntary Sector Assembly Board", "Police Authority", "Primary Care Trust", "Learning and Skills Council", "Regional Development Agency", "business sector" })
        {
            Assert.Equal(Representation.Organisation, SeatOf("ABG", title).Represents);
        }

        var cseb = seats.Where(s => s.BodyId == bodies["CSEB"].Id).ToList();
        Assert.All(cseb, s => Assert.True(s.SubstitutesAllowed && s.SubstituteRule == "Alternatives at executive director level", s.Title));
        Assert.All(cseb, s => Assert.Equal(SeatHolder.NonElected, s.Holder));
        var leadOfficers = SeatOf("CSEB", "Lead Officers from each thematic partnership");
        Assert.Equal((5, Representation.Body, true), (leadOfficers.Places, leadOfficers.Represents, leadOfficers.OnePerRepresented));
        Assert.True(SeatOf("CSEB", "Chair").Chair);
        Assert.Equal(6, SeatOf("CSEB", "Chief Executives of the six district councils").Places);
    }

    [Fact]
    public async Task Every_membership_keeps_the_rules_of_its_seat()
    {
        var (bodies, seats, people, memberships) = await registry.ReadAsync(async db => (
            await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id),
            await db.Seats.AsNoTracking().ToDictionaryAsync(s => s.Id),
            await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id),
            await db.Memberships.AsNoTracking().ToListAsync()));

        var broken = new List<string>();
        foreach (var membership in memberships)
        {
            var seat = membership.SeatId is { } seatId ? seats[seatId] : null;
            var others = memberships.Where(m => m.Id != membership.Id && m.SeatId is not null && m.SeatId == membership.SeatId);
            if (MembershipRules.Admit(bodies[membership.BodyId], seat, people[membership.PersonId], membership.Terms, others) is { } violation)
            {
                broken.Add($"{people[membership.PersonId].Name} on {bodies[membership.BodyId].Name}: {violation.Rule}");
            }
        }

        Assert.Empty(broken);
        Assert.Contains(memberships, m => m.Role == MembershipRole.Substitute);
        Assert.Contains(memberships, m => m.Role == MembershipRole.Adviser && !m.Voting);
        Assert.Contains(memberships, m => m.Role == MembershipRole.CoOpted && m.SeatId is null);
        Assert.Contains(memberships, m => m.EndsOn is not null);
    }

    [Fact]
    public async Task The_ABG_is_chaired_by_an_independent_person_who_is_not_elected()
    {
        var (seats, memberships, people) = await registry.ReadAsync(async db =>
        {
            var abg = await db.Bodies.AsNoTracking().SingleAsync(b => b.ShortName == "ABG");
            return (await db.Seats.AsNoTracking().Where(s => s.BodyId == abg.Id).ToListAsync(),
                await db.Memberships.AsNoTracking().Where(m => m.BodyId == abg.Id).ToListAsync(),
                await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id));
        });

        var chairSeat = Assert.Single(seats, s => s.Chair);
        Assert.Equal(SeatHolder.NonElected, chairSeat.Holder);
        var chair = Assert.Single(memberships, m => m.SeatId == chairSeat.Id && m.IsCurrentOn(Today));
        Assert.Equal(MembershipRole.Chair, chair.Role);
        Assert.False(people[chair.PersonId].Elected);
        Assert.Null(chair.OnBehalfOfOrganisationId);
        Assert.All(memberships.Where(m => m.SeatId is { } seat && seats.Single(s => s.Id == seat).Holder == SeatHolder.Elected),
            m => Assert.True(people[m.PersonId].Elected));
    }

    [Fact]
    public async Task The_GSP_has_vacant_places()
    {
        var (seats, memberships) = await registry.ReadAsync(async db =>
        {
            var gsp = await db.Bodies.AsNoTracking().SingleAsync(b => b.ShortName == "GSP");
            return (await db.Seats.AsNoTracking().Where(s => s.BodyId == gsp.Id).ToListAsync(),
                await db.Memberships.AsNoTracking().Where(m => m.BodyId == gsp.Id).ToListAsync());
        });

        var vacant = seats.ToDictionary(
            s => s.Title,
            s => s.Places - memberships.Count(m => m.SeatId == s.Id && m.Role != MembershipRole.Substitute && m.IsCurrentOn(Today)));

        Assert.All(vacant.Values, places => Assert.InRange(places, 0, int.MaxValue));
        Assert.Contains(vacant, seat => seat.Value > 0);
        Assert.Equal(1, vacant["One representative of each of the district-level local strategic partnerships"]);
    }

    [Fact]
    public async Task The_county_council_clerks_the_GSP_ABG_and_CSEB()
    {
        var (bodies, clerks, people, county) = await registry.ReadAsync(async db => (
            await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id),
            await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Clerk).ToListAsync(),
            await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id),
            await db.Organisations.AsNoTracking().SingleAsync(o => o.Kind == OrganisationKind.CountyCouncil)));

        foreach (var shortName in new[] { "GSP", "ABG", "CSEB" })
        {
            var clerk = Assert.Single(clerks, c => bodies[c.BodyId].ShortName == shortName);
            Assert.False(clerk.Voting);
            Assert.Null(clerk.SeatId);
            Assert.True(people[clerk.PersonId].BelongsTo(county.Id));
            Assert.False(people[clerk.PersonId].Elected);
        }
    }

    [Fact]
    public async Task The_partnerships_are_related_as_the_prospectus_describes()
    {
        var (bodies, relationships) = await registry.ReadAsync(async db =>
            (await db.Bodies.AsNoTracking().ToListAsync(), await db.Relationships.AsNoTracking().ToListAsync()));
        var gsp = bodies.Single(b => b.ShortName == "GSP").Id;
        var cseb = bodies.Single(b => b.ShortName == "CSEB").Id;
        var abg = bodies.Single(b => b.ShortName == "ABG").Id;
        bool Related(Guid from, RelationshipKind kind, Guid to) => relationships.Any(r => r.FromBodyId == from && r.Kind == kind && r.ToBodyId == to);

        Assert.True(Related(bodies.Single(b => b.ShortName == "Employco task group").Id, RelationshipKind.ReportsTo,
            bodies.Single(b => b.ShortName == "Gloucestershire First").Id), "the Employco task group reports to Gloucestershire First, which leads it");
        Assert.All(bodies.Where(b => b.Scope == BodyScope.Thematic && b.Type == BodyType.Strategic), t =>
        {
            Assert.True(Related(t.Id, RelationshipKind.PartOf, gsp), $"{t.Name} is part of the GSP");
            Assert.True(Related(t.Id, RelationshipKind.RepresentedOn, gsp), $"{t.Name} is represented on the GSP");
            Assert.True(Related(t.Id, RelationshipKind.RepresentedOn, cseb), $"{t.Name} is represented on the CSEB");
        });
        Assert.All(bodies.Where(b => b.Tier == Tier.District), l => Assert.True(Related(l.Id, RelationshipKind.RepresentedOn, gsp), $"{l.Name} is represented on the GSP"));
        Assert.True(Related(cseb, RelationshipKind.ReportsTo, abg));
    }

    [Fact]
    public async Task The_Compact_binds_nobody_and_is_signed_for_its_parties()
    {
        var (agreement, organisations, people) = await registry.ReadAsync(async db => (
            await db.Agreements.AsNoTracking().SingleAsync(),
            await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id),
            await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id)));

        Assert.Equal(AgreementKind.Compact, agreement.Kind);
        Assert.False(agreement.Binding);
        Assert.Equal(AgreementStatus.InForce, agreement.Status);
        var parties = agreement.Parties.Select(p => organisations[p.OrganisationId!.Value]).ToList();
        Assert.Contains(parties, o => o.Kind == OrganisationKind.VoluntarySector);
        Assert.Contains(parties, o => o.Kind == OrganisationKind.CountyCouncil);
        Assert.NotEmpty(agreement.Signatories);
        Assert.All(agreement.Signatories, s =>
        {
            Assert.Contains(agreement.Parties, p => p.OrganisationId == s.OnBehalfOfOrganisationId);
            Assert.True(people[s.PersonId].BelongsTo(s.OnBehalfOfOrganisationId!.Value));
        });
    }

    [Fact]
    public async Task Every_body_and_membership_is_announced_once_through_the_outbox()
    {
        var (bodies, memberships, outbox) = await registry.ReadAsync(async db => (
            await db.Bodies.AsNoTracking().ToListAsync(),
            await db.Memberships.AsNoTracking().Select(m => m.Id).ToListAsync(),
            await db.Set<OutboxMessage>().AsNoTracking().ToListAsync()));

        var registered = outbox.Where(m => m.MessageType == "Concordat.Contracts.Registry.BodyRegistered").ToList();
        Assert.Equal(bodies.Select(b => $"bodies/{b.Id}").Order(), registered.Select(m => m.Subject).Order());
        var started = outbox.Where(m => m.MessageType == "Concordat.Contracts.Registry.MembershipStarted").Select(m => m.Subject);
        Assert.Equal(memberships.Select(id => $"memberships/{id}").Order(), started.Order());
        Assert.True(registered.Max(m => m.Sequence) < outbox.Where(m => m.MessageType.EndsWith("MembershipStarted", StringComparison.Ordinal)).Min(m => m.Sequence),
            "bodies are announced before their members");

        var gsp = bodies.Single(b => b.ShortName == "GSP");
        var payload = JsonDocument.Parse(registered.Single(m => m.Subject == $"bodies/{gsp.Id}").Payload).RootElement;
        Assert.Equal("deliberative", Assert.Single(payload.GetProperty("roles").EnumerateArray()).GetString());
        Assert.Equal("geographic", payload.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Loading_twice_changes_nothing()
    {
        var before = await SnapshotAsync();

        var again = await registry.SeedAsync();

        Assert.Equal(0, again.Added);
        Assert.Equal(again.SeedRecords, again.Found);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Every table's rows with their row versions, and the outbox and inbox: any insert or update shows.</summary>
    private Task<List<string>> SnapshotAsync() => registry.ReadAsync(async db => new List<string>
    {
        await RowsAsync(db.Organisations),
        await RowsAsync(db.People),
        await RowsAsync(db.Bodies),
        await RowsAsync(db.Seats),
        await RowsAsync(db.Memberships),
        await RowsAsync(db.Relationships),
        await RowsAsync(db.Agreements),
        $"outbox {await db.Set<OutboxMessage>().CountAsync()}, last {await db.Set<OutboxMessage>().MaxAsync(m => (long?)m.Sequence)}",
        $"inbox {await db.Set<InboxMessage>().CountAsync()}",
    });

    private static async Task<string> RowsAsync<T>(IQueryable<T> records)
        where T : VersionedRecord
    {
        var rows = await records.OrderBy(r => r.Id).Select(r => new { r.Id, r.Version, r.UpdatedAt }).ToListAsync();
        return $"{typeof(T).Name}: " + string.Join(',', rows.Select(r => $"{r.Id}@{r.Version}@{r.UpdatedAt:O}"));
    }
}
