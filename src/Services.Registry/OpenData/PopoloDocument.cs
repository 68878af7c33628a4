namespace Concordat.Registry.OpenData;

// The types below carry Popolo's own names and spelling (organization, person, post), because they are its
// shapes, serialised with lower snake case names (PopoloExport.JsonOptions); absent values are left out.

/// <summary>The registry as Popolo open data: <c>{"organizations", "persons", "memberships", "posts"}</c>.</summary>
public sealed record PopoloDocument(
    IReadOnlyList<PopoloOrganization> Organizations,
    IReadOnlyList<PopoloPerson> Persons,
    IReadOnlyList<PopoloMembership> Memberships,
    IReadOnlyList<PopoloPost> Posts);

/// <summary>A Popolo organization: a partner organisation or a partnership body, told apart by <see cref="Classification"/>.</summary>
public sealed record PopoloOrganization
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<PopoloOtherName>? OtherNames { get; init; }

    public required IReadOnlyList<PopoloIdentifier> Identifiers { get; init; }

    public required string Classification { get; init; }

    public string? ParentId { get; init; }

    public string? Description { get; init; }

    public string? DissolutionDate { get; init; }

    public IReadOnlyList<PopoloLink>? Links { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }
}

/// <summary>A Popolo person: only what is public, a name.</summary>
public sealed record PopoloPerson
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<PopoloIdentifier> Identifiers { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }
}

/// <summary>A Popolo post: a body's seat.</summary>
public sealed record PopoloPost
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required string Role { get; init; }

    public required string OrganizationId { get; init; }

    /// <summary>When the post was eliminated: its body's dissolution.</summary>
    public string? EndDate { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }
}

/// <summary>A Popolo membership: a person sitting on a body, in a seat, on behalf of an organisation or a body.</summary>
public sealed record PopoloMembership
{
    public required string Id { get; init; }

    public required string PersonId { get; init; }

    public required string OrganizationId { get; init; }

    public string? PostId { get; init; }

    public required string Role { get; init; }

    public string? OnBehalfOfId { get; init; }

    public required string StartDate { get; init; }

    public string? EndDate { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }
}

public sealed record PopoloIdentifier(string Identifier, string Scheme);

public sealed record PopoloOtherName(string Name, string Note);

public sealed record PopoloLink(string Url, string Note);
