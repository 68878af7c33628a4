using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Organisations;

/// <summary>What kind of organisation a partner is; councils by tier.</summary>
public enum OrganisationKind
{
    CountyCouncil,
    DistrictCouncil,
    UnitaryCouncil,
    ParishOrTownCouncil,
    Police,
    PoliceAuthority,
    FireAndRescue,
    NhsBody,
    VoluntarySector,
    Business,
    GovernmentOffice,
    PublicAgency,
    Other,
}

/// <summary>A council, police force, NHS body, the voluntary sector assembly, a business, a government office.</summary>
public sealed class Organisation : VersionedRecord
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 30;

    private Organisation()
    {
    }

    public string Name { get; private set; } = "";

    public string? ShortName { get; private set; }

    public OrganisationKind Kind { get; private set; }

    /// <summary>Named partners have a statutory duty to co-operate with the Local Area Agreement.</summary>
    public bool DutyToCooperate { get; private set; }

    public Uri? Website { get; private set; }

    public static Organisation Register(OrganisationDetails details, DateTimeOffset now, Guid? id = null)
    {
        var organisation = new Organisation { Id = id ?? Guid.CreateVersion7(now), CreatedAt = now };
        organisation.Change(details, now);
        return organisation;
    }

    public void Change(OrganisationDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        ShortName = string.IsNullOrWhiteSpace(details.ShortName) ? null : details.ShortName.Trim();
        Kind = details.Kind;
        DutyToCooperate = details.DutyToCooperate;
        Website = details.Website;
        Touch(now);
    }

    public OrganisationDetails Details => new(Name, ShortName, Kind, DutyToCooperate, Website);
}

/// <summary>The editable part of an organisation.</summary>
public sealed record OrganisationDetails(string Name, string? ShortName, OrganisationKind Kind, bool DutyToCooperate, Uri? Website);

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ConfigureRecord();
        organisation.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        organisation.Property(o => o.ShortName).HasMaxLength(Organisation.ShortNameMaxLength);
        organisation.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        organisation.HasNameSearchIndex(o => o.Name);
    }
}
