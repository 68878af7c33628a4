using Concordat.Contracts.Registry;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.RegistryModel;

/// <summary>Adds a membership to the cycle's read model (queue <c>cycle-membership-started</c>).</summary>
public sealed class MembershipStartedConsumer(CycleDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<MembershipStarted, CycleDbContext>(db, time, telemetry)
{
    protected override async Task ApplyAsync(MembershipStarted message, CancellationToken cancellationToken)
    {
        var known = await KnownMemberships.FindOrAddAsync(Db, message.MembershipId, cancellationToken);
        known.BodyId = message.BodyId;
        known.PersonId = message.PersonId;
        known.PersonName = message.PersonName;
        known.PersonSubject = message.PersonSubject;
        known.Role = message.Role;
        known.StartsOn = message.StartsOn;
        known.Started = true;
        if (!known.EndKnown)
        {
            known.EndsOn = message.EndsOn;
        }
    }
}

/// <summary>Ends (or strikes out) a membership in the cycle's read model (queue <c>cycle-membership-ended</c>).</summary>
public sealed class MembershipEndedConsumer(CycleDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<MembershipEnded, CycleDbContext>(db, time, telemetry)
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
    public static async Task<KnownMembership> FindOrAddAsync(CycleDbContext db, Guid id, CancellationToken cancellationToken)
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
