using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Bodies;

/// <summary>
/// A body as the cycle knows it from the registry's events: enough to say who may hold an issue.
/// The registry stays the source of truth; this copy is never edited here.
/// </summary>
public sealed class KnownBody
{
    public Guid Id { get; set; }

    /// <summary>The instance (council deployment) whose registry owns the body.</summary>
    public string InstanceId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? ShortName { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}

internal sealed class KnownBodyConfiguration : IEntityTypeConfiguration<KnownBody>
{
    public void Configure(EntityTypeBuilder<KnownBody> body)
    {
        body.ToTable("bodies");
        body.HasKey(b => b.Id);
        body.Property(b => b.Id).ValueGeneratedNever();
        body.Property(b => b.InstanceId).HasMaxLength(100);
        body.Property(b => b.Name).HasMaxLength(200);
        body.Property(b => b.ShortName).HasMaxLength(30);
    }
}
