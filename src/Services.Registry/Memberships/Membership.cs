using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Memberships;

/// <summary>The capacity someone sits in. The clerk is the support officer of the supporting organisation.</summary>
public enum MembershipRole
{
    Chair,
    ViceChair,
    Member,
    CoOpted,
    Adviser,
    Substitute,
    Clerk,
}

/// <summary>A person sitting on a body for a period, in a seat, possibly on behalf of an organisation or another body.</summary>
public sealed class Membership : RegistryRecord
{
    private Membership()
    {
    }

    public Guid BodyId { get; private set; }

    public Guid? SeatId { get; private set; }

    public Guid PersonId { get; private set; }

    public Guid? OnBehalfOfOrganisationId { get; private set; }

    public Guid? OnBehalfOfBodyId { get; private set; }

    public MembershipRole Role { get; private set; }

    public bool Voting { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly? EndsOn { get; private set; }

    /// <summary>Creates a membership that <see cref="MembershipRules.Admit"/> has allowed.</summary>
    public static Membership Start(MembershipTerms terms, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        BodyId = terms.BodyId,
        SeatId = terms.SeatId,
        PersonId = terms.PersonId,
        OnBehalfOfOrganisationId = terms.OnBehalfOfOrganisationId,
        OnBehalfOfBodyId = terms.OnBehalfOfBodyId,
        Role = terms.Role,
        Voting = terms.Voting,
        StartsOn = terms.StartsOn,
        EndsOn = terms.EndsOn,
    };

    public bool IsCurrentOn(DateOnly day) => !IsRemoved && StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>Whether this membership's period shares a day with [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) =>
        !IsRemoved && (to is null || StartsOn <= to) && (EndsOn is null || EndsOn >= from);

    /// <summary>Ends the membership after <paramref name="on"/> (its last day).</summary>
    public RuleViolation? End(DateOnly on, DateTimeOffset now)
    {
        if (on < StartsOn)
        {
            return new RuleViolation("end-before-start", $"The membership starts on {StartsOn:yyyy-MM-dd}; it cannot end before that.");
        }

        if (EndsOn is { } ended && ended <= on)
        {
            return new RuleViolation("membership-ended", $"The membership already ends on {ended:yyyy-MM-dd}.");
        }

        EndsOn = on;
        Touch(now);
        return null;
    }

    public MembershipTerms Terms => new(BodyId, SeatId, PersonId, OnBehalfOfOrganisationId, OnBehalfOfBodyId, Role, Voting, StartsOn, EndsOn);
}

/// <summary>Everything that defines a membership.</summary>
public sealed record MembershipTerms(
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    MembershipRole Role,
    bool Voting,
    DateOnly StartsOn,
    DateOnly? EndsOn);

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ConfigureRecord();
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        membership.HasOne<Bodies.Body>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<Seat>().WithMany().HasForeignKey(m => m.SeatId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<People.Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(m => m.OnBehalfOfOrganisationId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<Bodies.Body>().WithMany().HasForeignKey(m => m.OnBehalfOfBodyId).OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(m => new { m.BodyId, m.StartsOn });
        membership.HasIndex(m => m.PersonId);
    }
}
