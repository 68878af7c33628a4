namespace Concordat.ServiceDefaults;

/// <summary>
/// The claims a Concordat token carries, and the roles a caller can hold. Linked into the command line too
/// (its <c>token</c> command), so the roles are listed once.
/// </summary>
public static class ConcordatClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Body = "body";
    public const string Organisation = "organisation";
    public const string Name = "name";

    /// <summary>The machine client a client-credentials token was issued to (RFC 9068).</summary>
    public const string ClientId = "client_id";

    /// <summary>The client a token was issued to, as OpenID Connect names it.</summary>
    public const string AuthorizedParty = "azp";

    /// <summary>How the caller proved who it is (RFC 8176 <c>amr</c>): <c>api_key</c> for a partner's API key.</summary>
    public const string AuthenticationMethod = "amr";

    public static readonly IReadOnlyList<string> Roles =
    [
        ConcordatRoles.PlatformAdmin, ConcordatRoles.Clerk, ConcordatRoles.Member, ConcordatRoles.Chair,
        ConcordatRoles.ScrutinyOfficer, ConcordatRoles.Partner,
    ];
}

/// <summary>The values of the <c>role</c> claim. Clerk, member, chair and scrutiny officer are held on a body.</summary>
public static class ConcordatRoles
{
    /// <summary>Runs the platform; passes every check.</summary>
    public const string PlatformAdmin = "platform_admin";

    /// <summary>Records a body's business (body-scoped).</summary>
    public const string Clerk = "clerk";

    /// <summary>Sits on a body (body-scoped).</summary>
    public const string Member = "member";

    /// <summary>Chairs a body (body-scoped).</summary>
    public const string Chair = "chair";

    /// <summary>Supports a scrutiny committee (body-scoped).</summary>
    public const string ScrutinyOfficer = "scrutiny_officer";

    /// <summary>A partner's application acting for one organisation; read-only for now.</summary>
    public const string Partner = "partner";
}
