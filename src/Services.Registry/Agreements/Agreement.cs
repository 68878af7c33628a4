using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Agreements;

public enum AgreementKind
{
    Agreement,
    Protocol,
    Compact,
}

public enum AgreementStatus
{
    Draft,
    InForce,
    UnderReview,
    Expired,
    Terminated,
}

/// <summary>
/// An interagency agreement or protocol between partners (the Compact between the third sector and the
/// statutory partners; a data-sharing protocol): who is party, what for, binding or not, who signed and when.
/// </summary>
public sealed class Agreement : VersionedRecord
{
    public const int TitleMaxLength = 300;

    private Agreement()
    {
    }

    public string Title { get; private set; } = "";

    public AgreementKind Kind { get; private set; }

    public string Purpose { get; private set; } = "";

    public List<string> DesiredOutcomes { get; private set; } = [];

    public bool Binding { get; private set; }

    public DateOnly? ReviewDate { get; private set; }

    public AgreementStatus Status { get; private set; }

    public List<AgreementParty> Parties { get; private set; } = [];

    public List<Signatory> Signatories { get; private set; } = [];

    public static Agreement Record(AgreementDetails details, DateTimeOffset now, Guid? id = null)
    {
        var agreement = new Agreement { Id = id ?? Guid.CreateVersion7(now), CreatedAt = now };
        agreement.Change(details, now);
        return agreement;
    }

    public void Change(AgreementDetails details, DateTimeOffset now)
    {
        Title = details.Title.Trim();
        Kind = details.Kind;
        Purpose = details.Purpose.Trim();
        DesiredOutcomes = [.. details.DesiredOutcomes.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim())];
        Binding = details.Binding;
        ReviewDate = details.ReviewDate;
        Status = details.Status;
        Parties = [.. details.Parties];
        Signatories = [.. details.Signatories];
        Touch(now);
    }

    public AgreementDetails Details => new(Title, Kind, Purpose, DesiredOutcomes, Binding, ReviewDate, Status, Parties, Signatories);
}

/// <summary>A party to an agreement: an organisation or a body (exactly one of the two).</summary>
public sealed class AgreementParty
{
    public Guid? OrganisationId { get; init; }

    public Guid? BodyId { get; init; }
}

/// <summary>Who signed, for whom, and when.</summary>
public sealed class Signatory
{
    public required Guid PersonId { get; init; }

    public Guid? OnBehalfOfOrganisationId { get; init; }

    public required DateOnly SignedOn { get; init; }
}

/// <summary>The editable part of an agreement.</summary>
public sealed record AgreementDetails(
    string Title,
    AgreementKind Kind,
    string Purpose,
    IReadOnlyList<string> DesiredOutcomes,
    bool Binding,
    DateOnly? ReviewDate,
    AgreementStatus Status,
    IReadOnlyList<AgreementParty> Parties,
    IReadOnlyList<Signatory> Signatories);

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> agreement)
    {
        agreement.ConfigureRecord();
        agreement.Property(a => a.Title).HasMaxLength(Agreement.TitleMaxLength);
        agreement.Property(a => a.Purpose).HasMaxLength(4000);
        agreement.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        agreement.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        agreement.OwnsMany(a => a.Parties, p => p.ToJson());
        agreement.OwnsMany(a => a.Signatories, s => s.ToJson());
    }
}
