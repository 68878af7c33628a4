using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;

namespace Concordat.Registry.Transfer;

/// <summary>A row of an import: its number (as <see cref="ImportErrors"/> counts) and what it says.</summary>
internal sealed record ImportRow<TEntry>(int Row, TEntry Entry);

/// <summary>Everything one import asks for, by collection, each in the order given.</summary>
internal sealed class ImportBatch
{
    public List<ImportRow<OrganisationEntry>> Organisations { get; } = [];

    public List<ImportRow<PersonEntry>> People { get; } = [];

    public List<ImportRow<BodyEntry>> Bodies { get; } = [];

    public List<ImportRow<SeatEntry>> Seats { get; } = [];

    public List<ImportRow<MembershipEntry>> Memberships { get; } = [];

    public List<ImportRow<RelationshipEntry>> Relationships { get; } = [];

    public List<ImportRow<AgreementEntry>> Agreements { get; } = [];
}

/// <summary>
/// One collection of the transfer format: its name, its fields (the JSON properties and the CSV columns, in that
/// order), and how a row of it is read, whichever the format.
/// </summary>
internal abstract class TransferCollection(string name, IReadOnlyList<string> fields, IReadOnlyDictionary<string, IReadOnlyList<string>>? nested = null)
{
    public string Name => name;

    public IReadOnlyList<string> Fields => fields;

    /// <summary>Fields holding a list of objects, with the objects' fields: in CSV, <c>a|b</c> items.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Nested => nested ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Reads a row into <paramref name="batch"/>; a row with field errors is reported and left out.</summary>
    public abstract void Read(EntrySource source, int row, ImportBatch batch, ImportErrors errors);

    public abstract IEnumerable<object> Entries(RegistryExport export);
}

internal sealed class TransferCollection<TEntry>(
    string name,
    IReadOnlyList<string> fields,
    Func<EntrySource, TEntry> read,
    Func<ImportBatch, List<ImportRow<TEntry>>> rows,
    Func<RegistryExport, IReadOnlyList<TEntry>> entries,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? nested = null) : TransferCollection(name, fields, nested)
    where TEntry : class
{
    public override void Read(EntrySource source, int row, ImportBatch batch, ImportErrors errors)
    {
        var before = errors.Count;
        source.Expect([.. Fields]);
        var entry = read(source);
        if (errors.Count == before)
        {
            rows(batch).Add(new ImportRow<TEntry>(row, entry));
        }
    }

    public override IEnumerable<object> Entries(RegistryExport export) => entries(export);
}

/// <summary>
/// The collections of format <c>concordat-registry/1</c>, in the order an import applies them (references point
/// backwards). Each is defined with its record, in its feature's <c>*Transfer.cs</c>: entry, fields, reader, apply step.
/// </summary>
internal static class TransferCollections
{
    public static readonly TransferCollection Organisations = OrganisationTransfer.Collection;
    public static readonly TransferCollection People = PersonTransfer.Collection;
    public static readonly TransferCollection Bodies = BodyTransfer.Collection;
    public static readonly TransferCollection Seats = SeatTransfer.Collection;
    public static readonly TransferCollection Memberships = MembershipTransfer.Collection;
    public static readonly TransferCollection Relationships = RelationshipTransfer.Collection;
    public static readonly TransferCollection Agreements = AgreementTransfer.Collection;

    public static readonly IReadOnlyList<TransferCollection> All = [Organisations, People, Bodies, Seats, Memberships, Relationships, Agreements];

    public static TransferCollection? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
