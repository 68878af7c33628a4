using Concordat.Registry.Transfer;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.People;

/// <summary>A person; <c>subject</c> is their sign-in at the identity provider (a token's <c>sub</c>), if any.</summary>
public sealed record PersonEntry(Guid? Id, string Name, bool Elected, string? Email, IReadOnlyList<AffiliationEntry> Affiliations, string? Subject = null)
{
    public static PersonEntry From(Person person) => new(
        person.Id, person.Name, person.Elected, person.Email,
        [.. person.Affiliations.Select(a => new AffiliationEntry(a.OrganisationId, Blank(a.Title) ? null : a.Title!.Trim()))],
        person.Subject);

    public PersonDetails ToDetails() => new(Name, Elected, Email,
        [.. Affiliations.Select(a => new Affiliation { OrganisationId = a.OrganisationId, Title = Blank(a.Title) ? null : a.Title!.Trim() })],
        Blank(Subject) ? null : Subject!.Trim());

    // The model keeps a title as given; a blank one reads as none, so CSV (which cannot tell "" from nothing) round-trips.
    private static bool Blank(string? title) => string.IsNullOrWhiteSpace(title);
}

/// <summary>A person's post in an organisation. In CSV: <c>organisationId|title</c>.</summary>
public sealed record AffiliationEntry(Guid OrganisationId, string? Title);

/// <summary>The <c>people</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class PersonTransfer
{
    public static readonly IReadOnlyList<string> AffiliationFields = ["organisationId", "title"];

    public static readonly TransferCollection Collection = new TransferCollection<PersonEntry>(
        "people",
        ["id", "name", "elected", "email", "affiliations", "subject"],
        row => new PersonEntry(
            row.Id("id"),
            row.Text("name", Person.NameMaxLength, required: true) ?? "",
            row.Flag("elected"),
            Email(row),
            [.. row.Objects("affiliations", AffiliationFields).Select(a =>
            {
                a.Expect([.. AffiliationFields]);
                return new AffiliationEntry(a.Id("organisationId", required: true) ?? Guid.Empty, a.Text("title", 200));
            })],
            row.Text("subject", Person.SubjectMaxLength)),
        batch => batch.People,
        export => export.People,
        new Dictionary<string, IReadOnlyList<string>> { ["affiliations"] = AffiliationFields });

    /// <summary>A person's description changes freely: rows apply as <see cref="RegistryImport.ApplyDescribed"/> says.</summary>
    public static CollectionCounts Apply(RegistryImport import) =>
        import.ApplyDescribed(Collection, import.Batch.People, import.Known.People, e => e.Id, e => e.ToDetails(),
            Person.Register, PersonEntry.From, (person, details, now) => person.Change(details, now));

    private static string? Email(EntrySource row)
    {
        var email = row.Text("email", 320);
        if (email is not null && !FieldFormats.IsEmail(email))
        {
            row.Error("email", $"'{email}' is not an email address.");
        }

        return email;
    }
}
