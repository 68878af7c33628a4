using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.ReadModel;

/// <summary>
/// A membership as a service knows it from the registry's <c>MembershipStarted</c> and <c>MembershipEnded</c>: who sits on
/// which body, in what capacity, from when to when. It answers "may this caller act for this body" and "which bodies do I
/// sit on"; the registry stays the source of truth.
/// </summary>
/// <remarks>
/// The two events arrive on their own queues, so the end can come first: it is kept (<see cref="EndKnown"/>) and the
/// start that follows does not undo it.
/// </remarks>
public sealed class KnownMembership
{
    public Guid Id { get; set; }

    public Guid BodyId { get; set; }

    public Guid PersonId { get; set; }

    public string PersonName { get; set; } = "";

    /// <summary>The person's sign-in subject (a token's <c>sub</c>), when the registry knew it as the membership started.</summary>
    public string? PersonSubject { get; set; }

    /// <summary>The organisation the person sits for (a council, for a part of a joint committee), when the seat says.</summary>
    public Guid? OnBehalfOfOrganisationId { get; set; }

    /// <summary>The capacity as the registry names it: <c>chair</c>, <c>vice_chair</c>, <c>member</c>, <c>co_opted</c>, <c>adviser</c>, <c>substitute</c>, <c>clerk</c>.</summary>
    public string Role { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    /// <summary>The last day, inclusive; null while open-ended.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>True once a <c>MembershipEnded</c> was applied (its end wins over the start's planned one).</summary>
    public bool EndKnown { get; set; }

    /// <summary>Removed in the registry as entered in error: it never counted.</summary>
    public bool Removed { get; set; }

    /// <summary>False until the start arrives (an end that came first leaves a row with no capacity yet).</summary>
    public bool Started { get; set; }

    public bool IsCurrentOn(DateOnly day) => Started && !Removed && StartsOn <= day && (EndsOn is null || EndsOn >= day);
}

internal sealed class KnownMembershipConfiguration : IEntityTypeConfiguration<KnownMembership>
{
    public void Configure(EntityTypeBuilder<KnownMembership> membership)
    {
        membership.ToTable("memberships");
        membership.HasKey(m => m.Id);
        membership.Property(m => m.Id).ValueGeneratedNever();
        membership.Property(m => m.PersonName).HasMaxLength(200);
        membership.Property(m => m.PersonSubject).HasMaxLength(200);
        membership.Property(m => m.Role).HasMaxLength(20);
        // Access checks ask by subject and body; "which bodies do I sit on" by subject.
        membership.HasIndex(m => new { m.PersonSubject, m.BodyId });
        membership.HasIndex(m => m.BodyId);
    }
}
