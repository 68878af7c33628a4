using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Memberships;

/// <summary>Who may hold a seat: anyone, only an elected member, or only someone not elected (an independent chair).</summary>
public enum SeatHolder
{
    Anyone,
    Elected,
    NonElected,
}

/// <summary>On whose behalf a seat's holder sits: their own, an organisation's (a council's leader), or another body's (an LSP's representative).</summary>
public enum Representation
{
    Nobody,
    Organisation,
    Body,
}

/// <summary>
/// A place a body's terms of reference say it should contain: "one representative of each district LSP" (six
/// places, on behalf of a body, one per body), "chaired by an independent person" (one place, non-elected, chair).
/// </summary>
public sealed class Seat : VersionedRecord
{
    public const int TitleMaxLength = 200;
    public const int MaxPlaces = 500;

    private Seat()
    {
    }

    public Guid BodyId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>How many people may hold the seat at once (substitutes not counted).</summary>
    public int Places { get; private set; }

    public bool Voting { get; private set; }

    public SeatHolder Holder { get; private set; }

    /// <summary>The seat is the body's chair.</summary>
    public bool Chair { get; private set; }

    public Representation Represents { get; private set; }

    /// <summary>At most one holder on behalf of each organisation or body ("one representative of each ...").</summary>
    public bool OnePerRepresented { get; private set; }

    public bool SubstitutesAllowed { get; private set; }

    /// <summary>Who may substitute, in words: "alternates at executive director level".</summary>
    public string? SubstituteRule { get; private set; }

    public static Seat Define(Guid bodyId, SeatDetails details, DateTimeOffset now, Guid? id = null)
    {
        var seat = new Seat { Id = id ?? Guid.CreateVersion7(now), CreatedAt = now, BodyId = bodyId };
        seat.Apply(details, now);
        return seat;
    }

    /// <summary>Changes the seat's rules; a seat stays with its body (<paramref name="bodyId"/>, when a change names one, must be it).</summary>
    public RuleViolation? Change(SeatDetails details, DateTimeOffset now, Guid? bodyId = null)
    {
        if (bodyId is { } body && body != BodyId)
        {
            return new RuleViolation(RegistryRules.SeatBodyFixed, $"'{Title}' is a seat of body {BodyId}; a seat cannot move to another body.");
        }

        Apply(details, now);
        return null;
    }

    /// <summary>Refuses <paramref name="places"/> when fewer than the <paramref name="holders"/> who hold the seat today or will.</summary>
    public RuleViolation? RefuseCut(int places, int holders) => places < holders
        ? new RuleViolation(RegistryRules.SeatPlacesBelowHolders,
            $"'{Title}' has {holders} current or future holders; end some memberships before reducing it to {places} places.")
        : null;

    private void Apply(SeatDetails details, DateTimeOffset now)
    {
        Title = details.Title.Trim();
        Places = details.Places;
        Voting = details.Voting;
        Holder = details.Holder;
        Chair = details.Chair;
        Represents = details.Represents;
        OnePerRepresented = details.OnePerRepresented && details.Represents != Representation.Nobody;
        SubstitutesAllowed = details.SubstitutesAllowed;
        SubstituteRule = string.IsNullOrWhiteSpace(details.SubstituteRule) ? null : details.SubstituteRule.Trim();
        Touch(now);
    }

    public SeatDetails Details => new(Title, Places, Voting, Holder, Chair, Represents, OnePerRepresented, SubstitutesAllowed, SubstituteRule);
}

/// <summary>The editable part of a seat.</summary>
public sealed record SeatDetails(
    string Title,
    int Places,
    bool Voting,
    SeatHolder Holder,
    bool Chair,
    Representation Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    string? SubstituteRule);

internal sealed class SeatConfiguration : IEntityTypeConfiguration<Seat>
{
    public void Configure(EntityTypeBuilder<Seat> seat)
    {
        seat.ConfigureRecord();
        seat.Property(s => s.Title).HasMaxLength(Seat.TitleMaxLength);
        seat.Property(s => s.SubstituteRule).HasMaxLength(500);
        seat.Property(s => s.Holder).HasConversion<string>().HasMaxLength(20);
        seat.Property(s => s.Represents).HasConversion<string>().HasMaxLength(20);
        seat.HasOne<Bodies.Body>().WithMany().HasForeignKey(s => s.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
