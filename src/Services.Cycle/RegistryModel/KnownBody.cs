using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Bodies;

/// <summary>
/// A body as the cycle knows it from the registry's events: enough to say who may hold an issue.
/// The registry stays the source of truth; this copy is never edited here.
/// </summary>
/// <remarks>
/// Each kind of event arrives on its own queue, so they can arrive out of order; <see cref="DescribedAt"/> (the
/// time of the event the description came from) lets an older description lose to a newer one already applied.
/// </remarks>
public sealed class KnownBody
{
    public Guid Id { get; set; }

    /// <summary>The instance (council deployment) whose registry owns the body.</summary>
    public string InstanceId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? ShortName { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The cycle roles it may play, as the registry names them (<c>authorising</c>).</summary>
    public List<string> Roles { get; set; } = [];

    public DateOnly? DissolvedOn { get; set; }

    /// <summary>When the event that last described the body happened.</summary>
    public DateTimeOffset DescribedAt { get; set; }

    /// <summary>Applies a description from an event of <paramref name="at"/>; false when a newer one was already applied.</summary>
    public bool Describe(DateTimeOffset at, Action<KnownBody> describe)
    {
        if (at < DescribedAt)
        {
            return false;
        }

        describe(this);
        DescribedAt = at;
        return true;
    }
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
