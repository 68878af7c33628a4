using Concordat.Registry.Bodies;
using Concordat.Registry.People;
using Concordat.Registry.Records;

namespace Concordat.Registry.Memberships;

/// <summary>
/// The rules a new membership must keep, from the body's seats: who may hold a seat, how many may, on whose
/// behalf, with a vote or not, and that the clerk comes from the supporting organisation. Each refusal names
/// its rule, so the API can answer 409 with it.
/// </summary>
public static class MembershipRules
{
    /// <summary>Null when the membership may start; otherwise the first rule it breaks.</summary>
    /// <remarks><paramref name="holders"/> are the seat's memberships (any period); only live ones overlapping the new period count.</remarks>
    public static RuleViolation? Admit(Body body, Seat? seat, Person person, MembershipTerms terms, IEnumerable<Membership> holders)
    {
        if (body.RefuseIfDissolved("nobody can join it") is { } dissolved)
        {
            return dissolved;
        }

        if (terms.Role == MembershipRole.Clerk)
        {
            if (body.SupportingOrganisationId is not { } supporter || !person.BelongsTo(supporter))
            {
                return new RuleViolation(RegistryRules.ClerkFromSupportingOrganisation,
                    $"The clerk of {body.Name} must be an officer of its supporting organisation, and {person.Name} is not.");
            }

            if (terms.Voting)
            {
                return new RuleViolation(RegistryRules.ClerkHasNoVote, "The clerk records the body's business and has no vote.");
            }
        }

        if (seat is null)
        {
            return null;
        }

        if (seat.Holder == SeatHolder.NonElected && person.Elected)
        {
            return new RuleViolation(RegistryRules.SeatRequiresNonElected, $"'{seat.Title}' is for a person who is not an elected member; {person.Name} is elected.");
        }

        if (seat.Holder == SeatHolder.Elected && !person.Elected)
        {
            return new RuleViolation(RegistryRules.SeatRequiresElected, $"'{seat.Title}' is for an elected member; {person.Name} is not elected.");
        }

        if (terms.Voting && !seat.Voting)
        {
            return new RuleViolation(RegistryRules.SeatHasNoVote, $"'{seat.Title}' carries no vote.");
        }

        var substitute = terms.Role == MembershipRole.Substitute;
        if (substitute && !seat.SubstitutesAllowed)
        {
            return new RuleViolation(RegistryRules.SeatAllowsNoSubstitutes, $"'{seat.Title}' allows no substitutes.");
        }

        if (seat.Represents == Representation.Organisation && terms.OnBehalfOfOrganisationId is null)
        {
            return new RuleViolation(RegistryRules.SeatRequiresRepresentation, $"'{seat.Title}' is held on behalf of an organisation; say which.");
        }

        if (seat.Represents == Representation.Body && terms.OnBehalfOfBodyId is null)
        {
            return new RuleViolation(RegistryRules.SeatRequiresRepresentation, $"'{seat.Title}' is held on behalf of a body; say which.");
        }

        if (substitute)
        {
            return null;
        }

        var sitting = holders.Where(h => h.Role != MembershipRole.Substitute && h.Overlaps(terms.StartsOn, terms.EndsOn)).ToList();
        if (sitting.Count >= seat.Places)
        {
            return new RuleViolation(RegistryRules.SeatFull,
                $"'{seat.Title}' has {seat.Places} place{(seat.Places == 1 ? "" : "s")}, all held for some of {terms.StartsOn:yyyy-MM-dd} to {(terms.EndsOn is { } end ? end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open end")}.");
        }

        if (seat.OnePerRepresented && sitting.Any(h => h.OnBehalfOfOrganisationId == terms.OnBehalfOfOrganisationId && h.OnBehalfOfBodyId == terms.OnBehalfOfBodyId))
        {
            return new RuleViolation(RegistryRules.OnePerRepresented, $"'{seat.Title}' takes one representative of each; the one named already has theirs.");
        }

        return null;
    }
}
