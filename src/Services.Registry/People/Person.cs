using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.People;

/// <summary>Someone who sits on bodies: an elected member, an officer, an independent chair.</summary>
public sealed class Person : VersionedRecord
{
    public const int NameMaxLength = 200;

    public const int SubjectMaxLength = 200;

    private Person()
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>An elected member (councillor) rather than an officer or appointee; some seats require one or the other.</summary>
    public bool Elected { get; private set; }

    public string? Email { get; private set; }

    /// <summary>
    /// Who the person is at the identity provider (a token's <c>sub</c>), so a caller's body-scoped roles can be
    /// checked against the person's current memberships. Unique among live people; null for someone who never signs in.
    /// </summary>
    public string? Subject { get; private set; }

    /// <summary>The organisations the person belongs to, with their post there.</summary>
    public List<Affiliation> Affiliations { get; private set; } = [];

    public static Person Register(PersonDetails details, DateTimeOffset now, Guid? id = null)
    {
        var person = new Person { Id = id ?? Guid.CreateVersion7(now), CreatedAt = now };
        person.Change(details, now);
        return person;
    }

    public void Change(PersonDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        Elected = details.Elected;
        Email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
        Subject = string.IsNullOrWhiteSpace(details.Subject) ? null : details.Subject.Trim();
        Affiliations = [.. details.Affiliations.DistinctBy(a => a.OrganisationId)];
        Touch(now);
    }

    public bool BelongsTo(Guid organisationId) => Affiliations.Any(a => a.OrganisationId == organisationId);

    public PersonDetails Details => new(Name, Elected, Email, Affiliations, Subject);
}

/// <summary>A person's place in an organisation: "Chief Executive" of the county council.</summary>
public sealed class Affiliation
{
    public required Guid OrganisationId { get; init; }

    public string? Title { get; init; }
}

/// <summary>The editable part of a person.</summary>
public sealed record PersonDetails(string Name, bool Elected, string? Email, IReadOnlyList<Affiliation> Affiliations, string? Subject = null);

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("people");
        person.ConfigureRecord();
        person.Property(p => p.Name).HasMaxLength(Person.NameMaxLength);
        person.Property(p => p.Email).HasMaxLength(320);
        person.Property(p => p.Subject).HasMaxLength(Person.SubjectMaxLength);
        // A removed person's tombstone keeps its subject without blocking a new record for the same sign-in.
        person.HasIndex(p => p.Subject).IsUnique().HasFilter("subject IS NOT NULL AND removed_at IS NULL");
        person.OwnsMany(p => p.Affiliations, a => a.ToJson());
        person.HasNameSearchIndex(p => p.Name);
    }
}
