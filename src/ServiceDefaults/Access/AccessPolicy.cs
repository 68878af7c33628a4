namespace Concordat.ServiceDefaults.Access;

/// <summary>How an endpoint decides who may call it.</summary>
public enum AccessKind
{
    /// <summary>Anyone, without a token: published information, health, the API description.</summary>
    Public,

    /// <summary>Any caller with a valid token, whatever its roles.</summary>
    Token,

    /// <summary>A caller holding one of <see cref="AccessPolicy.Roles"/>, wherever.</summary>
    Roles,

    /// <summary>A caller holding one of <see cref="AccessPolicy.Roles"/> on the body the request concerns.</summary>
    BodyRoles,
}

/// <summary>
/// What an endpoint declared about access, kept as endpoint metadata so tests (the access matrix) and docs can read
/// it. <see cref="Roles"/> always includes <see cref="ConcordatRoles.PlatformAdmin"/> for role-based kinds: platform
/// administrators pass every check.
/// </summary>
public sealed record AccessPolicy(AccessKind Kind, IReadOnlyList<string> Roles)
{
    public static readonly AccessPolicy Public = new(AccessKind.Public, []);

    public static readonly AccessPolicy Token = new(AccessKind.Token, []);

    public static AccessPolicy ForRoles(AccessKind kind, IEnumerable<string> roles) =>
        new(kind, [ConcordatRoles.PlatformAdmin, .. roles.Where(r => r != ConcordatRoles.PlatformAdmin).Distinct()]);

    /// <summary>The roles other than platform administrator, for messages: "clerk or chair".</summary>
    public string Needed => string.Join(" or ", Roles.Where(r => r != ConcordatRoles.PlatformAdmin).DefaultIfEmpty(ConcordatRoles.PlatformAdmin));

    public override string ToString() => Kind switch
    {
        AccessKind.Public => "public",
        AccessKind.Token => "any token",
        AccessKind.Roles => string.Join(", ", Roles),
        _ => $"{string.Join(", ", Roles)} (on the body)",
    };
}
