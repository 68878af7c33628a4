using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Bodies;

/// <summary>A partnership body or committee: GSP, the Children's Trust, a district LSP, a scrutiny committee.</summary>
public sealed class Body
{
    public const int NameMaxLength = 200;
    public const int ShortNameMaxLength = 30;

    private Body()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string? ShortName { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Concurrency token, surfaced as the ETag.</summary>
    public uint Version { get; private set; }

    public static Body Register(string name, string? shortName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = name.Trim(),
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim(),
        RegisteredAt = now,
    };
}

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> body)
    {
        body.HasKey(b => b.Id);
        body.Property(b => b.Id).ValueGeneratedNever();
        body.Property(b => b.Name).HasMaxLength(Body.NameMaxLength);
        body.Property(b => b.ShortName).HasMaxLength(Body.ShortNameMaxLength);
        body.Property(b => b.Version).IsRowVersion();
    }
}
