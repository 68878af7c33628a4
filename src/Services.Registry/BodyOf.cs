using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.ServiceDefaults.Access;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry;

/// <summary>The body a request about a registry record concerns, for <see cref="AccessConventions.RequireBodyRole"/>.</summary>
public static class BodyOf
{
    /// <summary><c>/bodies/{id}</c>.</summary>
    public static readonly BodyResolver Body = BodyFrom.Route("id");

    /// <summary><c>/bodies/{bodyId}/seats</c>.</summary>
    public static readonly BodyResolver SeatsOfBody = BodyFrom.Route("bodyId");

    /// <summary>The body of the seat <c>/seats/{id}</c>.</summary>
    public static readonly BodyResolver Seat = BodyFrom.Lookup<RegistryDbContext>("id", (db, id, cancellationToken) =>
        db.Seats.Where(s => s.Id == id && s.RemovedAt == null).Select(s => (Guid?)s.BodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>The body of the membership <c>/memberships/{id}</c>.</summary>
    public static readonly BodyResolver Membership = BodyFrom.Lookup<RegistryDbContext>("id", (db, id, cancellationToken) =>
        db.Memberships.Where(m => m.Id == id && m.RemovedAt == null).Select(m => (Guid?)m.BodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>The body a membership request names.</summary>
    public static readonly BodyResolver MembershipRequest = BodyFrom.Argument<MembershipRequest>(r => r.BodyId);
}
