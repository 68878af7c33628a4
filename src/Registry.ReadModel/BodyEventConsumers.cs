using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.ReadModel;

/// <summary>Adds a newly registered body to the service's read model (queue <c>{service}-body-registered</c>).</summary>
public sealed class BodyRegisteredConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyRegistered, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(BodyRegistered message, CancellationToken cancellationToken)
    {
        var known = await KnownBodies.FindOrAddAsync(Db, message.BodyId, message.InstanceId, cancellationToken);
        known.RegisteredAt = message.OccurredAt;
        if (!known.Describe(message.OccurredAt, b =>
            {
                b.Name = message.Name;
                b.ShortName = message.ShortName;
                b.BodyType = message.BodyType;
                b.Scope = message.Scope;
                b.Tier = message.Tier;
                b.Roles = [.. message.Roles];
            }) && known.Name.Length == 0)
        {
            // A later description arrived first but carried no name (roles only): keep its roles, take the name.
            known.Name = message.Name;
            known.ShortName = message.ShortName;
            known.BodyType ??= message.BodyType;
            known.Scope ??= message.Scope;
            known.Tier ??= message.Tier;
        }
    }
}

/// <summary>Takes a body's new description (queue <c>{service}-body-changed</c>).</summary>
public sealed class BodyChangedConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyChanged, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(BodyChanged message, CancellationToken cancellationToken)
    {
        var known = await KnownBodies.FindOrAddAsync(Db, message.BodyId, message.InstanceId, cancellationToken);
        known.Describe(message.OccurredAt, b =>
        {
            b.Name = message.Name;
            b.ShortName = message.ShortName;
            b.BodyType = message.BodyType;
            b.Scope = message.Scope;
            b.Tier = message.Tier;
            b.Roles = [.. message.Roles];
        });
    }
}

/// <summary>Takes a body's new cycle roles (queue <c>{service}-body-roles-changed</c>).</summary>
public sealed class BodyRolesChangedConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyRolesChanged, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(BodyRolesChanged message, CancellationToken cancellationToken)
    {
        var known = await KnownBodies.FindOrAddAsync(Db, message.BodyId, message.InstanceId, cancellationToken);
        known.Describe(message.OccurredAt, b => b.Roles = [.. message.Roles]);
    }
}

/// <summary>Marks a body dissolved (queue <c>{service}-body-dissolved</c>); final, whatever order events arrive in.</summary>
public sealed class BodyDissolvedConsumer<TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<BodyDissolved, TDbContext>(db, time, telemetry)
    where TDbContext : DbContext, IRegistryReadModel
{
    protected override async Task ApplyAsync(BodyDissolved message, CancellationToken cancellationToken)
    {
        var known = await KnownBodies.FindOrAddAsync(Db, message.BodyId, message.InstanceId, cancellationToken);
        known.DissolvedOn = message.DissolvedOn;
    }
}

internal static class KnownBodies
{
    public static async Task<KnownBody> FindOrAddAsync(IRegistryReadModel db, Guid id, string instanceId, CancellationToken cancellationToken)
    {
        var known = await db.Bodies.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (known is null)
        {
            known = new KnownBody { Id = id, InstanceId = instanceId, DescribedAt = DateTimeOffset.MinValue };
            db.Bodies.Add(known);
        }

        return known;
    }
}
