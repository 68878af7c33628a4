using Concordat.Contracts.Registry;
using static Concordat.Registry.Records.RegistryEvents;

namespace Concordat.Registry.Memberships;

/// <summary>A membership's integration events, as <see cref="Membership"/> raises them.</summary>
internal static class MembershipEvents
{
    public static string Subject(Membership membership) => $"memberships/{membership.Id}";

    public static MembershipStarted Started(Membership membership, People.Person person) => new()
    {
        Subject = Subject(membership),
        MembershipId = membership.Id,
        BodyId = membership.BodyId,
        SeatId = membership.SeatId,
        PersonId = membership.PersonId,
        PersonName = person.Name,
        // For the platform's own read models (who a token speaks for); never passed on to partners (docs/security.md).
        PersonSubject = person.Subject,
        OnBehalfOfOrganisationId = membership.OnBehalfOfOrganisationId,
        OnBehalfOfBodyId = membership.OnBehalfOfBodyId,
        Role = Wire(membership.Role),
        Voting = membership.Voting,
        StartsOn = membership.StartsOn,
        EndsOn = membership.EndsOn,
    };

    /// <summary>The membership ends, or (when it is removed) is struck out as entered in error.</summary>
    public static MembershipEnded Ended(Membership membership) => new()
    {
        Subject = Subject(membership),
        MembershipId = membership.Id,
        BodyId = membership.BodyId,
        PersonId = membership.PersonId,
        EndsOn = membership.EndsOn ?? membership.StartsOn,
        Removed = membership.IsRemoved,
    };
}
