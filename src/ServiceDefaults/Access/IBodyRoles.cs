namespace Concordat.ServiceDefaults.Access;

/// <summary>
/// Which body-scoped roles (<see cref="ConcordatRoles.Clerk"/>, <see cref="ConcordatRoles.Chair"/>,
/// <see cref="ConcordatRoles.Member"/>, <see cref="ConcordatRoles.ScrutinyOfficer"/>) a caller holds on a body
/// today, from current membership rather than the token: a token outlives a membership. The registry answers from
/// its own records; another service can answer from its read model of them. A service without one grants no
/// body-scoped role, so only platform administrators pass.
/// </summary>
public interface IBodyRoles
{
    /// <summary>The roles the person known to the identity provider as <paramref name="subject"/> holds on <paramref name="bodyId"/> today.</summary>
    Task<IReadOnlySet<string>> HeldAsync(string subject, Guid bodyId, CancellationToken cancellationToken);
}
