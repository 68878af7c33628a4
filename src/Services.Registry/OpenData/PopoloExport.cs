using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Organisations;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.OpenData;

/// <summary>
/// Builds the registry's Popolo open data (docs/open-data.md): organisations and bodies as organizations, people
/// as persons, seats as posts, memberships as memberships. Removed records are left out, and so is anything that
/// would name one, so every id the document uses is an item in it. Only public columns are read.
/// </summary>
public static class PopoloExport
{
    /// <summary>Every body's classification starts with this; no organisation kind does.</summary>
    public const string BodyClassificationPrefix = "partnership_body_";

    /// <summary>Popolo's property names (lower snake case); absent values are left out rather than written as null.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>An organisation's classification: its kind, <c>county_council</c>.</summary>
    public static string Classification(OrganisationKind kind) => RegistryEvents.Wire(kind);

    /// <summary>A body's classification: <c>partnership_body_</c> and its type, <c>partnership_body_strategic</c>.</summary>
    public static string Classification(BodyType type) => BodyClassificationPrefix + RegistryEvents.Wire(type);

    /// <summary>The identifier scheme of this instance's ids: a record's global name is the pair (instance, id).</summary>
    public static string IdentifierScheme(string instanceId) => $"concordat:{instanceId}";

    public static async Task<PopoloDocument> BuildAsync(RegistryDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        // One snapshot for every read, so a membership never names a person committed after the people were read.
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RemovedAt == null)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.ShortName, o.Kind, o.Website, o.CreatedAt, o.UpdatedAt })
            .ToListAsync(cancellationToken);
        var bodies = await db.Bodies.AsNoTracking()
            .Where(b => b.RemovedAt == null)
            .OrderBy(b => b.Id)
            .Select(b => new { b.Id, b.Name, b.ShortName, b.Type, b.TermsOfReference, b.TermsOfReferenceUrl, b.DissolvedOn, b.CreatedAt, b.UpdatedAt })
            .ToListAsync(cancellationToken);
        var partOf = await db.Relationships.AsNoTracking()
            .Where(r => r.RemovedAt == null && r.Kind == RelationshipKind.PartOf)
            .OrderBy(r => r.Id)
            .Select(r => new { r.FromBodyId, r.ToBodyId })
            .ToListAsync(cancellationToken);
        // Never the email or affiliations: a person's name is all the open data says about them.
        var people = await db.People.AsNoTracking()
            .Where(p => p.RemovedAt == null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.CreatedAt, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        var seats = await db.Seats.AsNoTracking()
            .Where(s => s.RemovedAt == null)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.BodyId, s.Title, s.Chair, s.CreatedAt, s.UpdatedAt })
            .ToListAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.RemovedAt == null)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.BodyId, m.SeatId, m.PersonId, m.OnBehalfOfOrganisationId, m.OnBehalfOfBodyId, m.Role, m.StartsOn, m.EndsOn, m.CreatedAt, m.UpdatedAt })
            .ToListAsync(cancellationToken);
        await snapshot.CommitAsync(cancellationToken);

        var scheme = IdentifierScheme(instanceId);
        var organisationIds = organisations.Select(o => o.Id).ToHashSet();
        var bodyDissolutions = bodies.ToDictionary(b => b.Id, b => b.DissolvedOn);
        var personIds = people.Select(p => p.Id).ToHashSet();
        // Popolo has one parent; a body part of several takes the first recorded.
        var parents = partOf
            .Where(r => r.FromBodyId != r.ToBodyId && bodyDissolutions.ContainsKey(r.ToBodyId))
            .GroupBy(r => r.FromBodyId)
            .ToDictionary(g => g.Key, g => g.First().ToBodyId);

        var organizations = new List<PopoloOrganization>(organisations.Count + bodies.Count);
        organizations.AddRange(organisations.Select(o => new PopoloOrganization
        {
            Id = Id(o.Id),
            Name = o.Name,
            OtherNames = ShortName(o.ShortName),
            Identifiers = [new PopoloIdentifier(Id(o.Id), scheme)],
            Classification = Classification(o.Kind),
            Links = o.Website is { IsAbsoluteUri: true } website ? [new PopoloLink(website.AbsoluteUri, "website")] : null,
            CreatedAt = Time(o.CreatedAt),
            UpdatedAt = Time(o.UpdatedAt),
        }));
        organizations.AddRange(bodies.Select(b => new PopoloOrganization
        {
            Id = Id(b.Id),
            Name = b.Name,
            OtherNames = ShortName(b.ShortName),
            Identifiers = [new PopoloIdentifier(Id(b.Id), scheme)],
            Classification = Classification(b.Type),
            ParentId = parents.TryGetValue(b.Id, out var parent) ? Id(parent) : null,
            Description = b.TermsOfReference,
            DissolutionDate = Date(b.DissolvedOn),
            Links = b.TermsOfReferenceUrl is { IsAbsoluteUri: true } terms ? [new PopoloLink(terms.AbsoluteUri, "terms of reference")] : null,
            CreatedAt = Time(b.CreatedAt),
            UpdatedAt = Time(b.UpdatedAt),
        }));

        var liveSeats = seats.Where(s => bodyDissolutions.ContainsKey(s.BodyId)).ToList();
        var postIds = liveSeats.Select(s => s.Id).ToHashSet();
        var posts = liveSeats
            .Select(s => new PopoloPost
            {
                Id = Id(s.Id),
                Label = s.Title,
                Role = s.Chair ? "chair" : "member",
                OrganizationId = Id(s.BodyId),
                EndDate = Date(bodyDissolutions[s.BodyId]),
                CreatedAt = Time(s.CreatedAt),
                UpdatedAt = Time(s.UpdatedAt),
            })
            .ToList();

        return new PopoloDocument(
            organizations,
            [.. people.Select(p => new PopoloPerson
            {
                Id = Id(p.Id),
                Name = p.Name,
                Identifiers = [new PopoloIdentifier(Id(p.Id), scheme)],
                CreatedAt = Time(p.CreatedAt),
                UpdatedAt = Time(p.UpdatedAt),
            })],
            [.. memberships
                .Where(m => personIds.Contains(m.PersonId) && bodyDissolutions.ContainsKey(m.BodyId))
                .Select(m => new PopoloMembership
                {
                    Id = Id(m.Id),
                    PersonId = Id(m.PersonId),
                    OrganizationId = Id(m.BodyId),
                    PostId = m.SeatId is { } seat && postIds.Contains(seat) ? Id(seat) : null,
                    Role = RegistryEvents.Wire(m.Role),
                    OnBehalfOfId = m.OnBehalfOfOrganisationId is { } organisation && organisationIds.Contains(organisation) ? Id(organisation)
                        : m.OnBehalfOfBodyId is { } body && bodyDissolutions.ContainsKey(body) ? Id(body)
                        : null,
                    StartDate = Date(m.StartsOn)!,
                    EndDate = Date(m.EndsOn),
                    CreatedAt = Time(m.CreatedAt),
                    UpdatedAt = Time(m.UpdatedAt),
                })],
            posts);
    }

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Draft-03's date-time: YYYY-MM-DDThh:mm:ssZ, in UTC.
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static PopoloOtherName[]? ShortName(string? shortName) => shortName is null ? null : [new PopoloOtherName(shortName, "short name")];
}
