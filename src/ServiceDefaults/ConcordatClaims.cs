namespace Concordat.ServiceDefaults;

/// <summary>
/// The claims a Concordat token carries, and the roles a caller can hold. Linked into the launcher too
/// (its <c>token</c> command), so the roles are listed once.
/// </summary>
public static class ConcordatClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Body = "body";
    public const string Organisation = "organisation";
    public const string Name = "name";

    /// <summary>How the caller proved who it is (RFC 8176 <c>amr</c>): <c>api_key</c> for a partner's API key.</summary>
    public const string AuthenticationMethod = "amr";

    public static readonly IReadOnlyList<string> Roles =
        ["platform_admin", "clerk", "member", "chair", "scrutiny_officer", "partner"];
}
