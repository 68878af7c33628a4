using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.ReadModel;

/// <summary>
/// A body as a service (the cycle, scrutiny) knows it from the registry's events: enough to say who may hold an issue
/// or which committees there are.
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

    /// <summary><c>strategic</c>, <c>operational</c> or <c>consultative</c>; null until an event says.</summary>
    public string? BodyType { get; set; }

    /// <summary><c>geographic</c>, <c>thematic</c> or <c>sectoral</c>: "every thematic partnership" selects on it.</summary>
    public string? Scope { get; set; }

    /// <summary><c>region</c>, <c>county</c>, <c>district</c> or <c>neighbourhood</c>: "all district LSPs" selects on it.</summary>
    public string? Tier { get; set; }

    /// <summary>The cycle roles it may play, as the registry names them (<c>authorising</c>).</summary>
    public List<string> Roles { get; set; } = [];

    public DateOnly? DissolvedOn { get; set; }

    /// <summary>When the event that last described the body happened.</summary>
    public DateTimeOffset DescribedAt { get; set; }

    /// <summary>Dissolved by <paramref name="today"/>: from its dissolution day a body holds nothing.</summary>
    public bool IsDissolvedOn(DateOnly today) => DissolvedOn is { } on && on <= today;

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
        body.Property(b => b.BodyType).HasMaxLength(20);
        body.Property(b => b.Scope).HasMaxLength(20);
        body.Property(b => b.Tier).HasMaxLength(20);
    }
}
