using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Concordat.Messaging;
using Concordat.ServiceKit;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace Concordat.Audit;

/// <summary>
/// Writes one <see cref="AuditEntry"/> per added, changed or removed record as a change is saved, so the trail
/// commits or rolls back with the change itself. The actor is the integration event an inbox consumer is applying
/// (<see cref="ConsumedEvent.Current"/>), else <see cref="AuditActor.Ambient"/> when set, else the current request's
/// caller (from its claims), else the service itself (<c>system:&lt;service&gt;</c>).
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, IOptions<InstanceOptions> instance, TimeProvider time)
    : ISaveChangesInterceptor
{
    private const string CorrelationHeader = "X-Correlation-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly ConcurrentDictionary<MemberInfo, bool> NotAudited = new();
    private static readonly ConcurrentDictionary<MemberInfo, bool> MarksRemoval = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetUnsaved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnsaved(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => ForgetUnsaved(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnsaved(eventData.Context);
        return Task.CompletedTask;
    }

    private void Record(DbContext? context)
    {
        if (context is null || context.Model.FindEntityType(typeof(AuditEntry)) is null)
        {
            return;
        }

        // EF detects changes after this interceptor runs; the trail needs them now.
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var entries = context.ChangeTracker.Entries().ToList();
        foreach (var entry in entries.Where(e => e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: an audit entry cannot be changed or removed.");
        }

        var owned = entries.Where(e => e.Metadata.IsOwned()).ToLookup(OwnerKey);
        var changed = entries
            .Where(e => !e.Metadata.IsOwned() && Audited(e.Metadata))
            .Select(e => (Entry: e, Owned: owned[(e.Metadata.GetRootType().ClrType, KeyOf(e, e.Metadata.FindPrimaryKey()!.Properties))].ToList()))
            .Where(c => c.Entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                || c.Owned.Any(o => o.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var actor = Actor();
        var now = time.GetUtcNow();
        var traceId = Activity.Current?.TraceId.ToHexString();
        var audit = context.Set<AuditEntry>();
        foreach (var (entry, ownedEntries) in changed)
        {
            var (action, changes) = Describe(entry, ownedEntries);
            if (action == AuditActions.Changed && changes.Count == 0)
            {
                continue;
            }

            audit.Add(new AuditEntry
            {
                Id = Guid.CreateVersion7(now),
                OccurredAt = now,
                Subject = actor.Subject,
                Roles = actor.Roles,
                Organisation = actor.Organisation,
                AuthMethod = actor.AuthMethod,
                Operation = actor.Operation,
                TraceId = traceId,
                CorrelationId = actor.CorrelationId,
                RecordType = JsonNamingPolicy.SnakeCaseLower.ConvertName(entry.Metadata.ShortName()),
                RecordId = KeyOf(entry, entry.Metadata.FindPrimaryKey()!.Properties),
                Action = action,
                Changes = changes.ToJsonString(),
            });
        }
    }

    /// <summary>A refused save (a stale version, a broken constraint) leaves nothing behind for the next attempt.</summary>
    private static void ForgetUnsaved(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private AuditActor Actor()
    {
        // The change is the event's doing, not a person's: the audit trail names the event and its id.
        if (ConsumedEvent.Current is { } consumed)
        {
            return AuditActor.Event(consumed.EventType, consumed.EventId);
        }

        if (AuditActor.Ambient is { } ambient)
        {
            return ambient;
        }

        var service = instance.Value.ServiceName;
        if (http.HttpContext is not { } context)
        {
            return AuditActor.System(service, "background");
        }

        var request = context.Request;
        var operation = $"{request.Method} {request.PathBase}{request.Path}";
        var correlation = request.Headers[CorrelationHeader].ToString();
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return new AuditActor("anonymous", operation) { CorrelationId = Truncate(correlation, 100) };
        }

        return new AuditActor(user.FindFirstValue(ConcordatClaims.Subject) ?? user.Identity.Name ?? "unknown", operation)
        {
            Roles = [.. user.FindAll(ConcordatClaims.Role).Select(c => c.Value)],
            Organisation = user.FindFirstValue(ConcordatClaims.Organisation),
            AuthMethod = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme
                ?? user.Identity.AuthenticationType,
            CorrelationId = Truncate(correlation, 100),
        };
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private static (string Action, JsonObject Changes) Describe(EntityEntry entry, List<EntityEntry> owned)
    {
        var changes = new JsonObject();
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.Created,
            EntityState.Deleted => AuditActions.Removed,
            _ => AuditActions.Changed,
        };

        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.IsShadowProperty() || IsStoreVersion(metadata))
            {
                continue;
            }

            var (old, current) = entry.State switch
            {
                EntityState.Added => (null, property.CurrentValue),
                EntityState.Deleted => (property.OriginalValue, null),
                _ when property.IsModified && !Equals(Serialise(property.OriginalValue), Serialise(property.CurrentValue)) =>
                    (property.OriginalValue, property.CurrentValue),
                _ => (Unchanged, Unchanged),
            };
            if (ReferenceEquals(old, Unchanged) || (old is null && current is null))
            {
                continue;
            }

            if (entry.State == EntityState.Modified && old is null && current is not null && Marks(metadata, MarksRemoval, typeof(MarksRemovalAttribute)))
            {
                action = AuditActions.Removed;
            }

            changes[Name(metadata)] = Change(metadata, old, current);
        }

        foreach (var navigation in entry.Metadata.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            var ofNavigation = owned.Where(o => o.Metadata == navigation.TargetEntityType).ToList();
            var touched = entry.State is EntityState.Added or EntityState.Deleted
                || ofNavigation.Any(o => o.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
            if (!touched)
            {
                continue;
            }

            var before = ofNavigation.Where(o => o.State != EntityState.Added).Select(o => Values(o, original: true)).ToList();
            var after = ofNavigation.Where(o => o.State != EntityState.Deleted).Select(o => Values(o, original: false)).ToList();
            if (entry.State == EntityState.Added)
            {
                before.Clear();
            }
            else if (entry.State == EntityState.Deleted)
            {
                after.Clear();
            }

            var old = navigation.IsCollection ? (object?)before : before.FirstOrDefault();
            var current = navigation.IsCollection ? (object?)after : after.FirstOrDefault();
            if (Serialise(old) != Serialise(current))
            {
                changes[Name(navigation)] = Change(navigation, old, current);
            }
        }

        return (action, changes);
    }

    private static readonly object Unchanged = new();

    private static JsonObject Change(IPropertyBase property, object? old, object? current) =>
        Marks(property, NotAudited, typeof(NotAuditedAttribute))
            ? new JsonObject { ["redacted"] = true }
            : new JsonObject { ["old"] = JsonSerializer.SerializeToNode(old, Json), ["new"] = JsonSerializer.SerializeToNode(current, Json) };

    private static Dictionary<string, object?> Values(EntityEntry owned, bool original) => owned.Properties
        .Where(p => !p.Metadata.IsShadowProperty() && !p.Metadata.IsKey())
        .ToDictionary(p => Name(p.Metadata), p => Marks(p.Metadata, NotAudited, typeof(NotAuditedAttribute)) ? "[redacted]" : original ? p.OriginalValue : p.CurrentValue);

    private static string Serialise(object? value) => JsonSerializer.Serialize(value, Json);

    private static string Name(IPropertyBase property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>PostgreSQL's <c>xmin</c> and the like: the database sets them, their value says nothing about the change.</summary>
    private static bool IsStoreVersion(IProperty property) => property.IsConcurrencyToken && property.ValueGenerated != ValueGenerated.Never;

    private static bool Audited(IEntityType type) =>
        type.ClrType != typeof(AuditEntry) && type.ClrType != typeof(OutboxMessage) && type.ClrType != typeof(InboxMessage)
        && type.ClrType.GetCustomAttribute<NotAuditedAttribute>(inherit: true) is null;

    private static bool Marks(IPropertyBase property, ConcurrentDictionary<MemberInfo, bool> cache, Type attribute) =>
        property.PropertyInfo is { } member && cache.GetOrAdd(member, m => m.IsDefined(attribute, inherit: true));

    private static (Type Root, string Key) OwnerKey(EntityEntry owned)
    {
        // Walk up the ownership chain to the record the owned values belong to, keyed as its owner is.
        var ownership = owned.Metadata.FindOwnership()!;
        var owner = ownership.PrincipalEntityType;
        while (owner.IsOwned())
        {
            owner = owner.FindOwnership()!.PrincipalEntityType;
        }

        return (owner.GetRootType().ClrType, KeyOf(owned, ownership.Properties));
    }

    private static string KeyOf(EntityEntry entry, IReadOnlyList<IProperty> properties) =>
        string.Join(",", properties.Select(p =>
        {
            var property = entry.Property(p);
            var value = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }));
}
