using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Concordat.ServiceKit;

public static class RaisedEvents
{
    /// <summary>
    /// The one place a service's records' events reach its outbox: call it from the context's <c>SaveChanges</c>
    /// overrides, so every event raised by a tracked <see cref="VersionedRecord"/> is written, in the order raised, in the
    /// same save (and transaction) as the change it announces.
    /// </summary>
    public static void TakeIntoOutbox(this DbContext db)
    {
        var raised = db.ChangeTracker.Entries<VersionedRecord>().SelectMany(e => e.Entity.TakeEvents()).OrderBy(e => e.Order).ToList();
        foreach (var (_, integrationEvent) in raised)
        {
            db.AddIntegrationEvent(integrationEvent);
        }
    }
}
