using Concordat.Registry.Organisations;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.ApiKeys;

/// <summary>Where a key stands now.</summary>
public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A partner organisation's API key. Only the key id and the SHA-256 hash of the whole key are kept: the key
/// itself is shown once, when issued, and cannot be recovered — a partner who loses it is issued a new one.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int ByMaxLength = 200;

    /// <summary>How stale <see cref="LastUsedAt"/> may be: one write a minute per key at most, not one per request.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    private ApiKey()
    {
    }

    public Guid Id { get; private init; }

    public Guid OrganisationId { get; private init; }

    /// <summary>What the key is for, so an administrator can tell keys apart ("Police data feed").</summary>
    public string Name { get; private init; } = "";

    /// <summary>The public part of the key (<see cref="PartnerApiKey.KeyId"/>), by which a presented key is looked up.</summary>
    public string KeyId { get; private init; } = "";

    /// <summary>SHA-256 of the whole key (<see cref="PartnerApiKey.Hash"/>).</summary>
    public byte[] SecretHash { get; private init; } = [];

    public DateTimeOffset CreatedAt { get; private init; }

    /// <summary>The subject of the token that issued the key.</summary>
    public string CreatedBy { get; private init; } = "";

    public DateTimeOffset? ExpiresAt { get; private init; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>A new key for <paramref name="organisationId"/>; the returned key is the only copy there will ever be.</summary>
    public static (ApiKey Record, PartnerApiKey Key) Issue(Guid organisationId, string name, DateTimeOffset? expiresAt, string by, DateTimeOffset now)
    {
        now = Stored(now);
        var key = PartnerApiKey.Generate();
        var record = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisationId,
            Name = name.Trim(),
            KeyId = key.KeyId,
            SecretHash = key.Hash(),
            CreatedAt = now,
            CreatedBy = by,
            ExpiresAt = expiresAt,
        };
        return (record, key);
    }

    /// <summary>Revokes the key; revoking it again changes nothing, so the first revocation's time and author stay.</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        if (RevokedAt is null)
        {
            RevokedAt = Stored(now);
            RevokedBy = by;
        }
    }

    /// <summary>PostgreSQL keeps microseconds: round now, so the answer that records a time shows what later reads will.</summary>
    private static DateTimeOffset Stored(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.KeyId).HasMaxLength(PartnerApiKey.KeyIdLength).IsFixedLength();
        key.HasIndex(k => k.KeyId).IsUnique();
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.Property(k => k.CreatedBy).HasMaxLength(ApiKey.ByMaxLength);
        key.Property(k => k.RevokedBy).HasMaxLength(ApiKey.ByMaxLength);
        key.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        key.HasIndex(k => new { k.OrganisationId, k.CreatedAt });
    }
}
