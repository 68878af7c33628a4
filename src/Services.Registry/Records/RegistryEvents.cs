using System.Text.Json;
using Concordat.Contracts.Registry;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.People;

namespace Concordat.Registry.Records;

/// <summary>
/// The registry's integration events, built from its records, so the API, the import and the demo data
/// announce a change the same way. Add the result to the unit of work with <c>db.AddIntegrationEvent</c>.
/// </summary>
public static class RegistryEvents
{
    /// <summary>An enum value as it appears on the wire and in the API: <c>vice_chair</c>.</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string Subject(Body body) => $"bodies/{body.Id}";

    public static BodyRegistered Registered(Body body) => new()
    {
        Subject = Subject(body),
        BodyId = body.Id,
        Name = body.Name,
        ShortName = body.ShortName,
        BodyType = Wire(body.Type),
        Scope = Wire(body.Scope),
        Tier = Wire(body.Tier),
        Roles = [.. body.Roles.Select(Wire)],
    };

    public static BodyChanged Changed(Body body) => new()
    {
        Subject = Subject(body),
        BodyId = body.Id,
        Name = body.Name,
        ShortName = body.ShortName,
        BodyType = Wire(body.Type),
        Scope = Wire(body.Scope),
        Tier = Wire(body.Tier),
        Roles = [.. body.Roles.Select(Wire)],
        TermsReviewDue = body.TermsReviewDue,
        SupportingOrganisationId = body.SupportingOrganisationId,
    };

    public static BodyRolesChanged RolesChanged(Body body, IEnumerable<CycleRole> previous) => new()
    {
        Subject = Subject(body),
        BodyId = body.Id,
        Roles = [.. body.Roles.Select(Wire)],
        PreviousRoles = [.. previous.Select(Wire)],
    };

    public static BodyDissolved Dissolved(Body body) => new()
    {
        Subject = Subject(body),
        BodyId = body.Id,
        DissolvedOn = body.DissolvedOn ?? throw new InvalidOperationException($"{body.Name} is not dissolved."),
    };

    public static MembershipStarted Started(Membership membership, Person person) => new()
    {
        Subject = $"memberships/{membership.Id}",
        MembershipId = membership.Id,
        BodyId = membership.BodyId,
        SeatId = membership.SeatId,
        PersonId = membership.PersonId,
        PersonName = person.Name,
        PersonSubject = person.Subject,
        OnBehalfOfOrganisationId = membership.OnBehalfOfOrganisationId,
        OnBehalfOfBodyId = membership.OnBehalfOfBodyId,
        Role = Wire(membership.Role),
        Voting = membership.Voting,
        StartsOn = membership.StartsOn,
        EndsOn = membership.EndsOn,
    };

    /// <param name="membership">The membership that ends.</param>
    /// <param name="removed">True when it is being removed as entered in error rather than ended.</param>
    public static MembershipEnded Ended(Membership membership, bool removed = false) => new()
    {
        Subject = $"memberships/{membership.Id}",
        MembershipId = membership.Id,
        BodyId = membership.BodyId,
        PersonId = membership.PersonId,
        EndsOn = membership.EndsOn ?? membership.StartsOn,
        Removed = removed || membership.IsRemoved,
    };
}
