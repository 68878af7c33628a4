using Concordat.Contracts.Registry;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Bodies;

/// <summary>Adds a newly registered body to the cycle's read model (queue <c>cycle-body-registered</c>).</summary>
public sealed class BodyRegisteredConsumer(CycleDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyRegistered, CycleDbContext>(db, time, telemetry)
{
    protected override async Task ApplyAsync(BodyRegistered message, CancellationToken cancellationToken)
    {
        var known = await Db.Bodies.SingleOrDefaultAsync(b => b.Id == message.BodyId, cancellationToken);
        if (known is null)
        {
            known = new KnownBody { Id = message.BodyId };
            Db.Bodies.Add(known);
        }

        known.InstanceId = message.InstanceId;
        known.Name = message.Name;
        known.ShortName = message.ShortName;
        known.RegisteredAt = message.OccurredAt;
    }
}
