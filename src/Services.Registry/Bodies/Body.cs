using Concordat.Audit;
using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Bodies;

/// <summary>Strategic (sets direction, decides), operational (delivers) or consultative (is asked).</summary>
public enum BodyType
{
    Strategic,
    Operational,
    Consultative,
}

/// <summary>What a body covers: a place (a district LSP), a theme (Safer and Stronger Communities), a sector (the VCS).</summary>
public enum BodyScope
{
    Geographic,
    Thematic,
    Sectoral,
}

public enum Tier
{
    Region,
    County,
    District,
    Neighbourhood,
}

/// <summary>The parts a body may play in the issue cycle; a stage can only be held by a body with the matching role.</summary>
public enum CycleRole
{
    Deliberative,
    Authorising,
    Executive,
    Delivery,
    Scrutiny,
}

public enum BodyStatus
{
    Active,
    Dissolved,
}

/// <summary>A partnership body or committee: GSP, the Children's Trust, a district LSP, a scrutiny committee.</summary>
public sealed class Body : VersionedRecord
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 30;

    /// <summary>The longest terms of reference, through the API and the import alike.</summary>
    public const int TermsOfReferenceMaxLength = 20_000;

    private Body()
    {
    }

    public string Name { get; private set; } = "";

    public string? ShortName { get; private set; }

    public BodyType Type { get; private set; }

    public BodyScope Scope { get; private set; }

    /// <summary>The area of a geographic body, the theme of a thematic one, the sector of a sectoral one.</summary>
    public string? Coverage { get; private set; }

    public Tier Tier { get; private set; }

    /// <summary>The full text, often pages long: the audit trail notes that it changed, not the text (the URL and review date are kept).</summary>
    [NotAudited]
    public string? TermsOfReference { get; private set; }

    public Uri? TermsOfReferenceUrl { get; private set; }

    /// <summary>When the terms of reference are next due for review.</summary>
    public DateOnly? TermsReviewDue { get; private set; }

    /// <summary>The organisation that provides the clerk function: papers, minutes, support to the chair.</summary>
    public Guid? SupportingOrganisationId { get; private set; }

    public List<CycleRole> Roles { get; private set; } = [];

    public BodyStatus Status { get; private set; }

    public DateOnly? DissolvedOn { get; private set; }

    /// <summary>When the body was first registered (kept for the read models that show it).</summary>
    public DateTimeOffset RegisteredAt => CreatedAt;

    /// <summary>Registers a body; announces <c>BodyRegistered</c>.</summary>
    public static Body Register(BodyDetails details, DateTimeOffset now, Guid? id = null)
    {
        var body = new Body { Id = id ?? Guid.CreateVersion7(now), CreatedAt = now, Status = BodyStatus.Active };
        body.Apply(details, now);
        body.Raise(BodyEvents.Registered(body));
        return body;
    }

    /// <summary>Changes the body's description; announces <c>BodyChanged</c>, and <c>BodyRolesChanged</c> when its cycle roles changed.</summary>
    public RuleViolation? Change(BodyDetails details, DateTimeOffset now)
    {
        if (RefuseIfDissolved("a dissolved body cannot be changed") is { } dissolved)
        {
            return dissolved;
        }

        var before = Roles.ToList();
        Apply(details, now);
        Raise(BodyEvents.Changed(this));
        if (!before.Order().SequenceEqual(Roles.Order()))
        {
            Raise(BodyEvents.RolesChanged(this, before));
        }

        return null;
    }

    /// <summary>
    /// Dissolves the body from <paramref name="on"/>; announces <c>BodyDissolved</c>. Its record stays, read as a
    /// tombstone by sync. Its memberships are not this record's to end: <c>Memberships.BodyDissolution</c> ends them.
    /// </summary>
    public RuleViolation? Dissolve(DateOnly on, DateTimeOffset now)
    {
        if (Status == BodyStatus.Dissolved)
        {
            return new RuleViolation(RegistryRules.BodyDissolved, $"{Name} was already dissolved on {DissolvedOn:yyyy-MM-dd}.");
        }

        Status = BodyStatus.Dissolved;
        DissolvedOn = on;
        Touch(now);
        Raise(BodyEvents.Dissolved(this));
        return null;
    }

    /// <summary>Refuses, saying <paramref name="what"/> cannot be, anything a dissolved body no longer takes: a change, a member, a seat, a restoration.</summary>
    public RuleViolation? RefuseIfDissolved(string what) => Status == BodyStatus.Dissolved
        ? new RuleViolation(RegistryRules.BodyDissolved, $"{Name} was dissolved on {DissolvedOn:yyyy-MM-dd}; {what}.")
        : null;

    public bool Plays(CycleRole role) => Status == BodyStatus.Active && Roles.Contains(role);

    public BodyDetails Details => new(Name, ShortName, Type, Scope, Coverage, Tier, TermsOfReference, TermsOfReferenceUrl, TermsReviewDue, SupportingOrganisationId, Roles);

    private void Apply(BodyDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        ShortName = string.IsNullOrWhiteSpace(details.ShortName) ? null : details.ShortName.Trim();
        Type = details.Type;
        Scope = details.Scope;
        Coverage = string.IsNullOrWhiteSpace(details.Coverage) ? null : details.Coverage.Trim();
        Tier = details.Tier;
        TermsOfReference = string.IsNullOrWhiteSpace(details.TermsOfReference) ? null : details.TermsOfReference.Trim();
        TermsOfReferenceUrl = details.TermsOfReferenceUrl;
        TermsReviewDue = details.TermsReviewDue;
        SupportingOrganisationId = details.SupportingOrganisationId;
        Roles = [.. details.Roles.Distinct().Order()];
        Touch(now);
    }
}

/// <summary>The editable part of a body.</summary>
public sealed record BodyDetails(
    string Name,
    string? ShortName,
    BodyType Type,
    BodyScope Scope,
    string? Coverage,
    Tier Tier,
    string? TermsOfReference,
    Uri? TermsOfReferenceUrl,
    DateOnly? TermsReviewDue,
    Guid? SupportingOrganisationId,
    IReadOnlyList<CycleRole> Roles);

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> body)
    {
        body.ConfigureRecord();
        body.Property(b => b.Name).HasMaxLength(Body.NameMaxLength);
        body.Property(b => b.ShortName).HasMaxLength(Body.ShortNameMaxLength);
        body.Property(b => b.Coverage).HasMaxLength(200);
        body.Property(b => b.Type).HasConversion<string>().HasMaxLength(20);
        body.Property(b => b.Scope).HasConversion<string>().HasMaxLength(20);
        body.Property(b => b.Tier).HasConversion<string>().HasMaxLength(20);
        body.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        body.PrimitiveCollection(b => b.Roles).ElementType().HasConversion<string>();
        body.Ignore(b => b.RegisteredAt);
        body.Property(b => b.CreatedAt).HasColumnName("registered_at");
        body.HasNameSearchIndex(b => b.Name);
        body.HasNameSearchIndex(b => b.ShortName);
        // ?role= asks which bodies hold a role: a GIN index answers "roles contains" without reading every body.
        body.HasIndex(b => b.Roles).HasMethod("gin");
    }
}
