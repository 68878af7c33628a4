using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.ReadModel;

/// <summary>Adds a membership to the service's read model (queue <c>{service}-membership-started</c>).</summary>
public sealed class MembershipStartedConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<MembershipStarted, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(MembershipStarted message, CancellationToken cancellationToken)
    {
        var known = await KnownMemberships.FindOrAddAsync(Db, message.MembershipId, cancellationToken);
        known.BodyId = message.BodyId;
        known.PersonId = message.PersonId;
        known.PersonName = message.PersonName;
        known.PersonSubject = message.PersonSubject;
        known.Role = message.Role;
        known.OnBehalfOfOrganisationId = message.OnBehalfOfOrganisationId;
        known.StartsOn = message.StartsOn;
        known.Started = true;
        if (!known.EndKnown)
        {
            known.EndsOn = message.EndsOn;
        }
    }
}

/// <summary>Ends (or strikes out) a membership in the service's read model (queue <c>{service}-membership-ended</c>).</summary>
public sealed class MembershipEndedConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<MembershipEnded, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(MembershipEnded message, CancellationToken cancellationToken)
    {
        var known = await KnownMemberships.FindOrAddAsync(Db, message.MembershipId, cancellationToken);
        known.BodyId = message.BodyId;
        known.PersonId = message.PersonId;
        known.EndsOn = message.EndsOn;
        known.EndKnown = true;
        known.Removed |= message.Removed;
    }
}

internal static class KnownMemberships
{
    public static async Task<KnownMembership> FindOrAddAsync(IRegistryReadModel db, Guid id, CancellationToken cancellationToken)
    {
        var known = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (known is null)
        {
            known = new KnownMembership { Id = id };
            db.Memberships.Add(known);
        }

        return known;
    }
}
