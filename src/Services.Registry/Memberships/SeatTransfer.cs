using Concordat.Registry.Transfer;

namespace Concordat.Registry.Memberships;

/// <summary>A seat as exported and imported: its body and <see cref="SeatDetails"/>.</summary>
public sealed record SeatEntry(
    Guid? Id,
    Guid BodyId,
    string Title,
    int Places,
    bool Voting,
    SeatHolder Holder,
    bool Chair,
    Representation Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    string? SubstituteRule)
{
    public static SeatEntry From(Seat seat) => new(
        seat.Id, seat.BodyId, seat.Title, seat.Places, seat.Voting, seat.Holder, seat.Chair, seat.Represents,
        seat.OnePerRepresented, seat.SubstitutesAllowed, seat.SubstituteRule);

    public SeatDetails ToDetails() => new(Title, Places, Voting, Holder, Chair, Represents, OnePerRepresented, SubstitutesAllowed, SubstituteRule);
}

/// <summary>The <c>seats</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class SeatTransfer
{
    public static readonly TransferCollection Collection = new TransferCollection<SeatEntry>(
        "seats",
        ["id", "bodyId", "title", "places", "voting", "holder", "chair", "represents", "onePerRepresented", "substitutesAllowed", "substituteRule"],
        row => new SeatEntry(
            row.Id("id"),
            row.Id("bodyId", required: true) ?? Guid.Empty,
            row.Text("title", Seat.TitleMaxLength, required: true) ?? "",
            row.Number("places", 1, Seat.MaxPlaces) ?? 1,
            row.Flag("voting"),
            row.Choice<SeatHolder>("holder", required: false) ?? SeatHolder.Anyone,
            row.Flag("chair"),
            row.Choice<Representation>("represents", required: false) ?? Representation.Nobody,
            row.Flag("onePerRepresented"),
            row.Flag("substitutesAllowed"),
            row.Text("substituteRule", 500, multiLine: true)),
        batch => batch.Seats,
        export => export.Seats);

    public static CollectionCounts Apply(RegistryImport import)
    {
        var counts = new ImportCounts();
        foreach (var (row, entry) in import.Batch.Seats)
        {
            if (import.Existing(import.Known.Seats, entry.Id, Collection, row) is { } current)
            {
                if (TransferJson.Same(SeatEntry.From(current), SeatEntry.From(Seat.Define(entry.BodyId, entry.ToDetails(), import.Now, current.Id))))
                {
                    counts.Unchanged++;
                    continue;
                }

                var places = current.Places;
                if (current.Change(entry.ToDetails(), import.Now, entry.BodyId) is { } refused)
                {
                    import.Refuse(Collection, row, current.Id, refused);
                    continue;
                }

                // Checked once the memberships are applied: the same rows may end some of its holders.
                if (current.Places < places)
                {
                    import.SeatsCut.Add((row, current));
                }

                counts.Updated++;
            }
            else if (entry.Id is not { } id || !import.Known.Seats.ContainsKey(id))
            {
                var seat = Seat.Define(entry.BodyId, entry.ToDetails(), import.Now, entry.Id);
                import.Db.Seats.Add(seat);
                import.Known.Seats[seat.Id] = seat;
                counts.Created++;
            }
        }

        return counts.Total;
    }

    /// <summary>As the API refuses it: a seat cut to fewer places than people hold it today or will.</summary>
    public static void CheckCuts(RegistryImport import)
    {
        var today = DateOnly.FromDateTime(import.Now.UtcDateTime);
        foreach (var (row, seat) in import.SeatsCut)
        {
            var holders = import.Known.Memberships.Values.AsQueryable().Count(Membership.HoldsPlaceFrom(seat.Id, today));
            if (seat.RefuseCut(seat.Places, holders) is { } refused)
            {
                import.Refuse(Collection, row, seat.Id, refused);
            }
        }
    }
}
