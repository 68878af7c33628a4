using Concordat.Registry.Transfer;

namespace Concordat.Registry.Bodies;

/// <summary>A body as exported and imported: its <see cref="BodyDetails"/>, id and status. <see cref="Id"/> is null on an import row that creates one.</summary>
public sealed record BodyEntry(
    Guid? Id,
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
    IReadOnlyList<CycleRole> Roles,
    BodyStatus Status,
    DateOnly? DissolvedOn)
{
    public static BodyEntry From(Body body) => new(
        body.Id, body.Name, body.ShortName, body.Type, body.Scope, body.Coverage, body.Tier, body.TermsOfReference,
        body.TermsOfReferenceUrl, body.TermsReviewDue, body.SupportingOrganisationId, [.. body.Roles], body.Status, body.DissolvedOn);

    public BodyDetails ToDetails() => new(
        Name, ShortName, Type, Scope, Coverage, Tier, TermsOfReference, TermsOfReferenceUrl, TermsReviewDue, SupportingOrganisationId, Roles);
}

/// <summary>The <c>bodies</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class BodyTransfer
{
    public static readonly TransferCollection Collection = new TransferCollection<BodyEntry>(
        "bodies",
        ["id", "name", "shortName", "type", "scope", "coverage", "tier", "termsOfReference", "termsOfReferenceUrl", "termsReviewDue",
            "supportingOrganisationId", "roles", "status", "dissolvedOn"],
        Read,
        batch => batch.Bodies,
        export => export.Bodies);

    public static CollectionCounts Apply(RegistryImport import)
    {
        var counts = new ImportCounts();
        foreach (var (row, entry) in import.Batch.Bodies)
        {
            if (import.Existing(import.Known.Bodies, entry.Id, Collection, row) is { } current)
            {
                var sameDetails = TransferJson.Same(Described(current), Described(Body.Register(entry.ToDetails(), import.Now, current.Id)));
                var sameStatus = current.Status == entry.Status && current.DissolvedOn == entry.DissolvedOn;
                if (sameDetails && sameStatus)
                {
                    counts.Unchanged++;
                    continue;
                }

                if (!sameDetails && current.Change(entry.ToDetails(), import.Now) is { } refused)
                {
                    import.Refuse(Collection, row, current.Id, refused);
                    continue;
                }

                if (!sameStatus)
                {
                    var violation = entry.DissolvedOn is { } on
                        ? import.Dissolve(current, on)
                        : current.RefuseIfDissolved("a dissolved body cannot be restored");
                    if (violation is not null)
                    {
                        import.Refuse(Collection, row, current.Id, violation);
                        continue;
                    }
                }

                counts.Updated++;
            }
            else if (entry.Id is not { } id || !import.Known.Bodies.ContainsKey(id))
            {
                var body = Body.Register(entry.ToDetails(), import.Now, entry.Id);
                import.Db.Bodies.Add(body);
                import.Known.Bodies[body.Id] = body;
                if (entry.DissolvedOn is { } on)
                {
                    import.Dissolve(body, on);
                }

                counts.Created++;
            }
        }

        return counts.Total;

        // The description alone: status is compared, and changed, on its own.
        static BodyEntry Described(Body body) => BodyEntry.From(body) with { Status = BodyStatus.Active, DissolvedOn = null };
    }

    private static BodyEntry Read(EntrySource row)
    {
        var entry = new BodyEntry(
            row.Id("id"),
            row.Text("name", Body.NameMaxLength, required: true) ?? "",
            row.Text("shortName", Body.ShortNameMaxLength),
            row.Choice<BodyType>("type") ?? default,
            row.Choice<BodyScope>("scope") ?? default,
            row.Text("coverage", 200),
            row.Choice<Tier>("tier") ?? default,
            row.Text("termsOfReference", Body.TermsOfReferenceMaxLength, multiLine: true),
            row.Link("termsOfReferenceUrl"),
            row.Date("termsReviewDue"),
            row.Id("supportingOrganisationId"),
            row.Choices<CycleRole>("roles"),
            row.Choice<BodyStatus>("status", required: false) ?? BodyStatus.Active,
            row.Date("dissolvedOn"));
        if (entry.Status == BodyStatus.Dissolved && entry.DissolvedOn is null)
        {
            row.Error("dissolvedOn", "A dissolved body needs the date it was dissolved.");
        }

        if (entry.Status == BodyStatus.Active && entry.DissolvedOn is not null)
        {
            row.Error("dissolvedOn", "Only a dissolved body has a dissolution date; say status dissolved, or leave this empty.");
        }

        return entry;
    }
}
