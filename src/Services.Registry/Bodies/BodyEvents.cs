using Concordat.Contracts.Registry;
using static Concordat.Registry.Records.RegistryEvents;

namespace Concordat.Registry.Bodies;

/// <summary>A body's integration events, as <see cref="Body"/> raises them.</summary>
internal static class BodyEvents
{
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
}
