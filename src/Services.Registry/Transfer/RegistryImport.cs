using System.Data;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Concordat.Registry.Transfer;

/// <summary>What an import did, per collection.</summary>
public sealed record ImportSummary(
    CollectionCounts Organisations,
    CollectionCounts People,
    CollectionCounts Bodies,
    CollectionCounts Seats,
    CollectionCounts Memberships,
    CollectionCounts Relationships,
    CollectionCounts Agreements);

/// <summary>Rows that made a record, changed one, or matched one exactly (and so changed nothing).</summary>
public sealed record CollectionCounts(int Created, int Updated, int Unchanged);

/// <summary>A row that would break a registry rule (the rule codes of <see cref="RuleViolation"/>).</summary>
public sealed record ImportViolation(string Collection, int Row, Guid? Id, string Rule, string Detail);

/// <summary>An import's result: done, refused for invalid rows (400), or refused for rules they break (409).</summary>
internal abstract record ImportOutcome
{
    public sealed record Imported(ImportSummary Summary) : ImportOutcome;

    public sealed record Invalid(ImportErrors Errors) : ImportOutcome;

    public sealed record Refused(IReadOnlyList<ImportViolation> Violations) : ImportOutcome;
}

/// <summary>
/// Applies an import all or nothing, in one serializable transaction. A row with an id creates that record or, when it
/// exists and differs, changes it through the model (so its rules hold); a row equal to its record changes nothing.
/// References must name a record of the import or a live one of the registry. New memberships pass the seat rules
/// (<see cref="MembershipRules.Admit"/>) in order of start date; one that ended by its body's dissolution is history,
/// checked against the body as it stood, so a body's past loads with it whether it comes in one file or several.
/// The API's other rules hold too: no loop of part-of or reports-to relationships, no seat cut below its holders.
/// Every change goes through the records' own operations (the ones the API calls), so it keeps the same rules and
/// announces itself the same way; a body dissolved here ends its memberships as through the API.
/// </summary>
internal sealed class RegistryImport
{
    private readonly ImportErrors _errors = new();
    private readonly List<ImportViolation> _violations = [];

    private RegistryImport(RegistryDbContext db, ImportBatch batch, DateTimeOffset now)
    {
        Db = db;
        Batch = batch;
        Now = now;
    }

    public RegistryDbContext Db { get; }

    public ImportBatch Batch { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The records the import names, by id: read from the registry (live or removed) or made by the import.</summary>
    public ImportRecords Known { get; } = new();

    /// <summary>Seats the rows cut, checked against their holders once the memberships are applied.</summary>
    public List<(int Row, Seat Seat)> SeatsCut { get; } = [];

    public static async Task<ImportOutcome> RunAsync(RegistryDbContext db, TimeProvider time, ImportBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            // Serializable: the seat rules were checked against what the registry held, so nothing may slip in between.
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            // The API's relationship changes are not serializable, so take the same graph locks they do.
            foreach (var kind in batch.Relationships.Select(r => r.Entry.Kind).Where(RelationshipRules.IsHierarchy).Distinct().Order())
            {
                await RelationshipRules.LockGraphAsync(db, kind, cancellationToken);
            }

            var import = new RegistryImport(db, batch, time.GetUtcNow());
            var outcome = await import.ApplyAsync(cancellationToken);
            if (outcome is ImportOutcome.Imported)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return outcome;
        }
        catch (Exception exception) when (IsConcurrentChange(exception))
        {
            return new ImportOutcome.Refused([new ImportViolation("", 0, null, RegistryRules.ConcurrentChange,
                "The registry changed while the import ran, so nothing was imported; send it again.")]);
        }
    }

    private async Task<ImportOutcome> ApplyAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        CheckReferences();
        await CheckSubjectsAsync(cancellationToken);
        if (_errors.Any)
        {
            return new ImportOutcome.Invalid(_errors);
        }

        // In the order references point: each feature applies its rows through the records' own operations.
        var summary = new ImportSummary(
            OrganisationTransfer.Apply(this),
            PersonTransfer.Apply(this),
            BodyTransfer.Apply(this),
            SeatTransfer.Apply(this),
            MembershipTransfer.Apply(this),
            RelationshipTransfer.Apply(this),
            AgreementTransfer.Apply(this));
        SeatTransfer.CheckCuts(this);
        return _violations.Count > 0 ? new ImportOutcome.Refused(_violations) : new ImportOutcome.Imported(summary);
    }

    /// <summary>As the API: one sign-in subject per live person, within the import and against the registry.</summary>
    private async Task CheckSubjectsAsync(CancellationToken cancellationToken)
    {
        var rows = Batch.People.Where(r => !string.IsNullOrWhiteSpace(r.Entry.Subject)).Select(r => (r.Row, r.Entry.Id, Subject: r.Entry.Subject!.Trim())).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var subjects = rows.Select(r => r.Subject).Distinct().ToList();
        var inBatch = Batch.People.Select(r => r.Entry.Id).OfType<Guid>().ToHashSet();
        var holders = await Db.People.Where(p => p.Subject != null && subjects.Contains(p.Subject) && p.RemovedAt == null)
            .Select(p => new { p.Id, p.Subject }).ToListAsync(cancellationToken);
        foreach (var (row, id, subject) in rows)
        {
            var taken = rows.Any(other => other.Row < row && other.Subject == subject)
                || holders.Any(h => h.Subject == subject && h.Id != id && !inBatch.Contains(h.Id));
            if (taken)
            {
                _errors.Add($"people[{row}].subject", "Another person already signs in as this subject; a sign-in belongs to one person.");
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var b = Batch;
        var organisationIds = Ids(
            b.Organisations.Select(r => r.Entry.Id),
            b.People.SelectMany(r => r.Entry.Affiliations.Select(a => (Guid?)a.OrganisationId)),
            b.Bodies.Select(r => r.Entry.SupportingOrganisationId),
            b.Memberships.Select(r => r.Entry.OnBehalfOfOrganisationId),
            b.Agreements.SelectMany(r => r.Entry.Parties.Select(p => p.OrganisationId)),
            b.Agreements.SelectMany(r => r.Entry.Signatories.Select(s => s.OnBehalfOfOrganisationId)));
        var personIds = Ids(
            b.People.Select(r => r.Entry.Id),
            b.Memberships.Select(r => (Guid?)r.Entry.PersonId),
            b.Agreements.SelectMany(r => r.Entry.Signatories.Select(s => (Guid?)s.PersonId)));
        var bodyIds = Ids(
            b.Bodies.Select(r => r.Entry.Id),
            b.Seats.Select(r => (Guid?)r.Entry.BodyId),
            b.Memberships.Select(r => (Guid?)r.Entry.BodyId),
            b.Memberships.Select(r => r.Entry.OnBehalfOfBodyId),
            b.Relationships.Select(r => (Guid?)r.Entry.FromBodyId),
            b.Relationships.Select(r => (Guid?)r.Entry.ToBodyId),
            b.Agreements.SelectMany(r => r.Entry.Parties.Select(p => p.BodyId)));
        var seatIds = Ids(b.Seats.Select(r => r.Entry.Id), b.Memberships.Select(r => r.Entry.SeatId));
        var membershipIds = Ids(b.Memberships.Select(r => r.Entry.Id));
        var relationshipIds = Ids(b.Relationships.Select(r => r.Entry.Id));
        var agreementIds = Ids(b.Agreements.Select(r => r.Entry.Id));

        Known.Organisations = await Db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        Known.People = await Db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        Known.Bodies = await Db.Bodies.Where(x => bodyIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, cancellationToken);
        Known.Seats = await Db.Seats.Where(s => seatIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        // The memberships the rows name, and every holder of a seat the rows take or change (the seat rules count them).
        // And every live membership of a body the rows dissolve (the dissolution ends those that continue).
        var seatsCounted = Ids(b.Memberships.Select(r => r.Entry.SeatId), b.Seats.Select(r => r.Entry.Id)).Cast<Guid?>().ToList();
        var dissolving = Ids(b.Bodies.Where(r => r.Entry.Status == BodyStatus.Dissolved).Select(r => r.Entry.Id));
        Known.Memberships = await Db.Memberships
            .Where(m => membershipIds.Contains(m.Id) || (m.SeatId != null && seatsCounted.Contains(m.SeatId)) || (m.RemovedAt == null && dissolving.Contains(m.BodyId)))
            .ToDictionaryAsync(m => m.Id, cancellationToken);

        // The relationships the rows name, the live ones from the same bodies (one live relationship of a kind between
        // two bodies), and every live part-of and reports-to relationship (no loops of either).
        var relatedFrom = b.Relationships.Select(r => r.Entry.FromBodyId).Distinct().ToList();
        var hierarchical = b.Relationships.Any(r => RelationshipRules.IsHierarchy(r.Entry.Kind));
        Known.Relationships = await Db.Relationships
            .Where(r => relationshipIds.Contains(r.Id)
                || (r.RemovedAt == null && (relatedFrom.Contains(r.FromBodyId) || (hierarchical && (r.Kind == RelationshipKind.PartOf || r.Kind == RelationshipKind.ReportsTo)))))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        Known.Agreements = await Db.Agreements.Where(a => agreementIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    /// <summary>Each id once per collection, and every reference to a record of the import or a live one of the registry.</summary>
    private void CheckReferences()
    {
        var organisations = Given(TransferCollections.Organisations, Batch.Organisations, r => r.Id);
        var people = Given(TransferCollections.People, Batch.People, r => r.Id);
        var bodies = Given(TransferCollections.Bodies, Batch.Bodies, r => r.Id);
        var seats = Given(TransferCollections.Seats, Batch.Seats, r => r.Id);
        Given(TransferCollections.Memberships, Batch.Memberships, r => r.Id);
        Given(TransferCollections.Relationships, Batch.Relationships, r => r.Id);
        Given(TransferCollections.Agreements, Batch.Agreements, r => r.Id);

        var organisation = new Reference<Organisation>("organisation", organisations, Known.Organisations);
        var person = new Reference<Person>("person", people, Known.People);
        var body = new Reference<Body>("body", bodies, Known.Bodies);
        var seat = new Reference<Seat>("seat", seats, Known.Seats);

        foreach (var (row, entry) in Batch.People)
        {
            for (var i = 0; i < entry.Affiliations.Count; i++)
            {
                organisation.Check(_errors, $"people[{row}].affiliations[{i + 1}].organisationId", entry.Affiliations[i].OrganisationId);
            }
        }

        foreach (var (row, entry) in Batch.Bodies)
        {
            organisation.Check(_errors, $"bodies[{row}].supportingOrganisationId", entry.SupportingOrganisationId);
        }

        foreach (var (row, entry) in Batch.Seats)
        {
            body.Check(_errors, $"seats[{row}].bodyId", entry.BodyId);
        }

        var seatBodies = Known.Seats.Values.ToDictionary(s => s.Id, s => s.BodyId);
        foreach (var (_, entry) in Batch.Seats)
        {
            if (entry.Id is { } id)
            {
                seatBodies[id] = entry.BodyId;
            }
        }

        foreach (var (row, entry) in Batch.Memberships)
        {
            var path = $"memberships[{row}]";
            body.Check(_errors, $"{path}.bodyId", entry.BodyId);
            person.Check(_errors, $"{path}.personId", entry.PersonId);
            organisation.Check(_errors, $"{path}.onBehalfOfOrganisationId", entry.OnBehalfOfOrganisationId);
            body.Check(_errors, $"{path}.onBehalfOfBodyId", entry.OnBehalfOfBodyId);
            if (seat.Check(_errors, $"{path}.seatId", entry.SeatId) && seatBodies.GetValueOrDefault(entry.SeatId!.Value) != entry.BodyId)
            {
                _errors.Add($"{path}.seatId", $"Seat {entry.SeatId} is not a seat of body {entry.BodyId}.");
            }
        }

        foreach (var (row, entry) in Batch.Relationships)
        {
            body.Check(_errors, $"relationships[{row}].fromBodyId", entry.FromBodyId);
            body.Check(_errors, $"relationships[{row}].toBodyId", entry.ToBodyId);
        }

        foreach (var (row, entry) in Batch.Agreements)
        {
            for (var i = 0; i < entry.Parties.Count; i++)
            {
                organisation.Check(_errors, $"agreements[{row}].parties[{i + 1}].organisationId", entry.Parties[i].OrganisationId);
                body.Check(_errors, $"agreements[{row}].parties[{i + 1}].bodyId", entry.Parties[i].BodyId);
            }

            for (var i = 0; i < entry.Signatories.Count; i++)
            {
                person.Check(_errors, $"agreements[{row}].signatories[{i + 1}].personId", entry.Signatories[i].PersonId);
                organisation.Check(_errors, $"agreements[{row}].signatories[{i + 1}].onBehalfOfOrganisationId", entry.Signatories[i].OnBehalfOfOrganisationId);
            }
        }
    }

    /// <summary>The live record a row names, if it exists; a removed one is refused (an import does not bring records back).</summary>
    public TRecord? Existing<TRecord>(Dictionary<Guid, TRecord> known, Guid? id, TransferCollection collection, int row)
        where TRecord : VersionedRecord
    {
        if (id is null || !known.TryGetValue(id.Value, out var record))
        {
            return null;
        }

        if (record.IsRemoved)
        {
            Refuse(collection, row, record.Id, new RuleViolation(RegistryRules.RecordRemoved,
                $"{collection.Name} record {record.Id} was removed from the registry; an import cannot bring it back."));
            return null;
        }

        return record;
    }

    public void Refuse(TransferCollection collection, int row, Guid? id, RuleViolation violation) =>
        _violations.Add(new ImportViolation(collection.Name, row, id, violation.Rule, violation.Detail));

    /// <summary>
    /// Applies the rows of a record whose description changes freely (organisations, people, agreements): a row equal
    /// to its record (as the export writes it) changes nothing, one that differs changes it, one naming no record creates it.
    /// </summary>
    public CollectionCounts ApplyDescribed<TRecord, TEntry, TDetails>(
        TransferCollection collection,
        List<ImportRow<TEntry>> rows,
        Dictionary<Guid, TRecord> known,
        Func<TEntry, Guid?> id,
        Func<TEntry, TDetails> details,
        Func<TDetails, DateTimeOffset, Guid?, TRecord> create,
        Func<TRecord, TEntry> export,
        Action<TRecord, TDetails, DateTimeOffset> change)
        where TRecord : VersionedRecord
    {
        var counts = new ImportCounts();
        foreach (var (row, entry) in rows)
        {
            if (Existing(known, id(entry), collection, row) is { } current)
            {
                if (TransferJson.Same(export(current), export(create(details(entry), Now, current.Id))))
                {
                    counts.Unchanged++;
                    continue;
                }

                change(current, details(entry), Now);
                counts.Updated++;
            }
            else if (id(entry) is not { } given || !known.ContainsKey(given))
            {
                var record = create(details(entry), Now, id(entry));
                Db.Add(record);
                known[record.Id] = record;
                counts.Created++;
            }
        }

        return counts.Total;
    }

    /// <summary>Dissolves a body as the API does: the memberships the import knows of that continue past the day end then.</summary>
    public RuleViolation? Dissolve(Body body, DateOnly on) => BodyDissolution.Dissolve(body, on, Known.Memberships.Values, Now);

    /// <summary>The ids the rows of a collection give, each once: a second row with the same id is an error.</summary>
    private HashSet<Guid> Given<TEntry>(TransferCollection collection, List<ImportRow<TEntry>> rows, Func<TEntry, Guid?> id)
    {
        var first = new Dictionary<Guid, int>();
        foreach (var (row, entry) in rows)
        {
            if (id(entry) is { } given && !first.TryAdd(given, row))
            {
                _errors.Add($"{collection.Name}[{row}].id", $"Row {first[given]} has this id too; a record can appear once in an import.");
            }
        }

        return [.. first.Keys];
    }

    private static List<Guid> Ids(params IEnumerable<Guid?>[] sources) =>
        [.. sources.SelectMany(s => s).OfType<Guid>().Distinct()];

    private static bool IsConcurrentChange(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbUpdateConcurrencyException
                || e is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A kind of record references name: found when the import gives it, or the registry holds it live.</summary>
    private sealed class Reference<TRecord>(string noun, HashSet<Guid> imported, Dictionary<Guid, TRecord> registry)
        where TRecord : VersionedRecord
    {
        public bool Check(ImportErrors errors, string key, Guid? id)
        {
            if (id is not { } given || imported.Contains(given) || (registry.TryGetValue(given, out var record) && !record.IsRemoved))
            {
                return id is not null;
            }

            errors.Add(key, $"No {noun} {given} in the import or the registry.");
            return false;
        }
    }
}

/// <summary>The records an import names, by id.</summary>
internal sealed class ImportRecords
{
    public Dictionary<Guid, Organisation> Organisations { get; set; } = [];

    public Dictionary<Guid, Person> People { get; set; } = [];

    public Dictionary<Guid, Body> Bodies { get; set; } = [];

    public Dictionary<Guid, Seat> Seats { get; set; } = [];

    public Dictionary<Guid, Membership> Memberships { get; set; } = [];

    public Dictionary<Guid, BodyRelationship> Relationships { get; set; } = [];

    public Dictionary<Guid, Agreement> Agreements { get; set; } = [];
}

/// <summary>A collection's rows, counted as they are applied.</summary>
internal sealed class ImportCounts
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public CollectionCounts Total => new(Created, Updated, Unchanged);
}
