namespace Concordat.Registry;

/// <summary>
/// The registry's rule codes, each once: a refusal answers 409 with <c>type</c>
/// <c>https://concordat.org/problems/registry/{code}</c> and <c>rule</c> the code, through the API and the import alike.
/// A code is part of the contract (clients branch on it): never rename one. <c>docs/registry.md</c> lists them all.
/// </summary>
public static class RegistryRules
{
    /// <summary>The body is dissolved: it cannot be changed, dissolved again, restored, given seats or joined.</summary>
    public const string BodyDissolved = "body-dissolved";

    /// <summary>The clerk must be an officer of the body's supporting organisation.</summary>
    public const string ClerkFromSupportingOrganisation = "clerk-from-supporting-organisation";

    /// <summary>The clerk records the body's business and has no vote.</summary>
    public const string ClerkHasNoVote = "clerk-has-no-vote";

    /// <summary>The seat is for a person who is not an elected member.</summary>
    public const string SeatRequiresNonElected = "seat-requires-non-elected";

    /// <summary>The seat is for an elected member.</summary>
    public const string SeatRequiresElected = "seat-requires-elected";

    /// <summary>A vote is asked for in a seat without one.</summary>
    public const string SeatHasNoVote = "seat-has-no-vote";

    /// <summary>A substitute for a seat that allows none.</summary>
    public const string SeatAllowsNoSubstitutes = "seat-allows-no-substitutes";

    /// <summary>The seat is held on behalf of an organisation or a body, and none is named.</summary>
    public const string SeatRequiresRepresentation = "seat-requires-representation";

    /// <summary>Every place of the seat is held for some day of the new period (substitutes do not count).</summary>
    public const string SeatFull = "seat-full";

    /// <summary>The seat takes one representative of each organisation or body, and the one named has theirs.</summary>
    public const string OnePerRepresented = "one-per-represented";

    /// <summary>A seat cut to fewer places than people hold it today or will.</summary>
    public const string SeatPlacesBelowHolders = "seat-places-below-holders";

    /// <summary>A seat removed while someone holds it today or will.</summary>
    public const string SeatHeld = "seat-held";

    /// <summary>A seat moved to another body (only the import can ask).</summary>
    public const string SeatBodyFixed = "seat-body-fixed";

    /// <summary>A membership ended before it starts.</summary>
    public const string EndBeforeStart = "end-before-start";

    /// <summary>A membership that already ends is ended again, later, or reopened.</summary>
    public const string MembershipEnded = "membership-ended";

    /// <summary>A membership's terms other than its end changed (only the import can ask): end it and start another.</summary>
    public const string MembershipTermsFixed = "membership-terms-fixed";

    /// <summary>A person removed while memberships of theirs are on record.</summary>
    public const string PersonHasMemberships = "person-has-memberships";

    /// <summary>Another live person already signs in as the subject.</summary>
    public const string SubjectTaken = "subject-taken";

    /// <summary>An organisation removed while a body, a membership, a person or an agreement still refers to it.</summary>
    public const string OrganisationInUse = "organisation-in-use";

    /// <summary>The two bodies are already related that way.</summary>
    public const string RelationshipExists = "relationship-exists";

    /// <summary>A part-of or reports-to relationship that would close a loop.</summary>
    public const string RelationshipCycle = "relationship-cycle";

    /// <summary>A relationship changed (only the import can ask): remove it and relate the bodies again.</summary>
    public const string RelationshipFixed = "relationship-fixed";

    /// <summary>An import names a removed record: an import does not bring records back.</summary>
    public const string RecordRemoved = "record-removed";

    /// <summary>The registry changed while an import ran, so nothing was imported.</summary>
    public const string ConcurrentChange = "concurrent-change";
}
