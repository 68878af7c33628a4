using Concordat.Registry.Bodies;
using Concordat.Registry.Transfer;

namespace Concordat.Registry.Memberships;

/// <summary>A membership as exported and imported: its id and <see cref="MembershipTerms"/>.</summary>
public sealed record MembershipEntry(
    Guid? Id,
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    MembershipRole Role,
    bool Voting,
    DateOnly StartsOn,
    DateOnly? EndsOn)
{
    public static MembershipEntry From(Membership membership) => new(
        membership.Id, membership.BodyId, membership.SeatId, membership.PersonId, membership.OnBehalfOfOrganisationId,
        membership.OnBehalfOfBodyId, membership.Role, membership.Voting, membership.StartsOn, membership.EndsOn);

    public MembershipTerms ToTerms() => new(BodyId, SeatId, PersonId, OnBehalfOfOrganisationId, OnBehalfOfBodyId, Role, Voting, StartsOn, EndsOn);
}

/// <summary>The <c>memberships</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class MembershipTransfer
{
    public static readonly TransferCollection Collection = new TransferCollection<MembershipEntry>(
        "memberships",
        ["id", "bodyId", "seatId", "personId", "onBehalfOfOrganisationId", "onBehalfOfBodyId", "role", "voting", "startsOn", "endsOn"],
        Read,
        batch => batch.Memberships,
        export => export.Memberships);

    public static CollectionCounts Apply(RegistryImport import)
    {
        var counts = new ImportCounts();
        var starting = new List<ImportRow<MembershipEntry>>();
        foreach (var given in import.Batch.Memberships)
        {
            var (row, entry) = given;
            if (import.Existing(import.Known.Memberships, entry.Id, Collection, row) is { } current)
            {
                if (current.Terms == entry.ToTerms())
                {
                    counts.Unchanged++;
                }
                else if (current.Amend(entry.ToTerms(), import.Now) is { } refused)
                {
                    import.Refuse(Collection, row, current.Id, refused);
                }
                else
                {
                    counts.Updated++;
                }
            }
            else if (entry.Id is not { } id || !import.Known.Memberships.ContainsKey(id))
            {
                starting.Add(given);
            }
        }

        // In order of start date: a set of memberships that never overfills a seat on any day is then always admitted,
        // whatever order the rows came in (each new one meets only those sitting on its first day).
        var holdersBySeat = import.Known.Memberships.Values.Where(m => m.SeatId is not null).GroupBy(m => m.SeatId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (row, entry) in starting.OrderBy(r => r.Entry.StartsOn))
        {
            var body = import.Known.Bodies[entry.BodyId];

            // A membership that ended by the dissolution (on its first day if it had not started by then, as the API ends
            // them when it dissolves a body) is the body's history, not someone joining a dissolved body.
            if (body.Status == BodyStatus.Dissolved && entry.EndsOn is { } ends && (ends <= body.DissolvedOn || ends == entry.StartsOn))
            {
                body = Body.Register(body.Details, import.Now, body.Id);
            }

            var person = import.Known.People[entry.PersonId];
            var seat = entry.SeatId is { } seatId ? import.Known.Seats[seatId] : null;
            List<Membership> holders = [];
            if (seat is not null)
            {
                holders = holdersBySeat.GetValueOrDefault(seat.Id) ?? [];
                holdersBySeat[seat.Id] = holders;
            }

            var (membership, refused) = Membership.Admit(body, seat, person, entry.ToTerms(), holders, import.Now, entry.Id);
            if (membership is null)
            {
                import.Refuse(Collection, row, entry.Id, refused!);
                continue;
            }

            import.Db.Memberships.Add(membership);
            import.Known.Memberships[membership.Id] = membership;
            holders.Add(membership);
            counts.Created++;
        }

        return counts.Total;
    }

    private static MembershipEntry Read(EntrySource row)
    {
        var entry = new MembershipEntry(
            row.Id("id"),
            row.Id("bodyId", required: true) ?? Guid.Empty,
            row.Id("seatId"),
            row.Id("personId", required: true) ?? Guid.Empty,
            row.Id("onBehalfOfOrganisationId"),
            row.Id("onBehalfOfBodyId"),
            row.Choice<MembershipRole>("role", required: false) ?? MembershipRole.Member,
            row.Flag("voting"),
            row.Date("startsOn", required: true) ?? default,
            row.Date("endsOn"));
        if (entry.EndsOn < entry.StartsOn)
        {
            row.Error("endsOn", $"Ends before it starts ({entry.StartsOn:yyyy-MM-dd}).");
        }

        if (entry.OnBehalfOfOrganisationId is not null && entry.OnBehalfOfBodyId is not null)
        {
            row.Error("onBehalfOfBodyId", "A member sits on behalf of an organisation or a body, not both.");
        }

        if (entry.OnBehalfOfBodyId is { } represented && represented == entry.BodyId)
        {
            row.Error("onBehalfOfBodyId", "A body cannot be represented on itself.");
        }

        return entry;
    }
}
