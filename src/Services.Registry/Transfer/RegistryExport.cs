using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;

namespace Concordat.Registry.Transfer;

/// <summary>
/// The whole registry as one document, format <c>concordat-registry/1</c>: live records only, with their ids, and
/// only the values a person enters (no timestamps or versions: an import stamps its own). The import takes the same
/// shape back. Documented in <c>docs/registry-import-export.md</c>; a change to it is a new format version.
/// </summary>
public sealed record RegistryExport(
    string Format,
    DateTimeOffset ExportedAt,
    IReadOnlyList<OrganisationEntry> Organisations,
    IReadOnlyList<PersonEntry> People,
    IReadOnlyList<BodyEntry> Bodies,
    IReadOnlyList<SeatEntry> Seats,
    IReadOnlyList<MembershipEntry> Memberships,
    IReadOnlyList<RelationshipEntry> Relationships,
    IReadOnlyList<AgreementEntry> Agreements)
{
    public const string CurrentFormat = "concordat-registry/1";
}
