using System.Linq.Expressions;
using Concordat.Registry.Bodies;
using Concordat.Registry.People;
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
public sealed class Membership : VersionedRecord
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

    /// <summary>
    /// Starts a membership if <see cref="MembershipRules.Admit"/> allows it, and announces <c>MembershipStarted</c>;
    /// otherwise the rule it breaks. The API, the import and the demo data all start memberships here.
    /// </summary>
    public static (Membership? Started, RuleViolation? Refused) Admit(
        Body body, Seat? seat, Person person, MembershipTerms terms, IEnumerable<Membership> holders, DateTimeOffset now, Guid? id = null) =>
        MembershipRules.Admit(body, seat, person, terms, holders) is { } refused ? (null, refused) : (Start(terms, person, now, id), null);

    /// <summary>Records a membership as it stood, without the seat rules (history already admitted); announces <c>MembershipStarted</c>.</summary>
    public static Membership Start(MembershipTerms terms, Person person, DateTimeOffset now, Guid? id = null)
    {
        var membership = new Membership
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
        membership.Raise(MembershipEvents.Started(membership, person));
        return membership;
    }

    /// <summary>A live membership of <paramref name="seatId"/> that takes one of its places on <paramref name="day"/> or later.</summary>
    public static Expression<Func<Membership, bool>> HoldsPlaceFrom(Guid seatId, DateOnly day) =>
        m => m.SeatId == seatId && m.RemovedAt == null && m.Role != MembershipRole.Substitute && (m.EndsOn == null || m.EndsOn >= day);

    public bool IsCurrentOn(DateOnly day) => !IsRemoved && StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>Whether this membership's period shares a day with [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) =>
        !IsRemoved && (to is null || StartsOn <= to) && (EndsOn is null || EndsOn >= from);

    /// <summary>Ends the membership after <paramref name="on"/> (its last day); announces <c>MembershipEnded</c>.</summary>
    public RuleViolation? End(DateOnly on, DateTimeOffset now)
    {
        if (on < StartsOn)
        {
            return new RuleViolation(RegistryRules.EndBeforeStart, $"The membership starts on {StartsOn:yyyy-MM-dd}; it cannot end before that.");
        }

        if (EndsOn is { } ended && ended <= on)
        {
            return new RuleViolation(RegistryRules.MembershipEnded, $"The membership already ends on {ended:yyyy-MM-dd}.");
        }

        EndsOn = on;
        Touch(now);
        Raise(MembershipEvents.Ended(this));
        return null;
    }

    /// <summary>
    /// Restates the membership as <paramref name="terms"/>: only its end can change (a membership is ended and another
    /// started, never rewritten), and an ended one cannot be reopened.
    /// </summary>
    public RuleViolation? Amend(MembershipTerms terms, DateTimeOffset now)
    {
        if (terms == Terms)
        {
            return null;
        }

        if (terms with { EndsOn = null } != Terms with { EndsOn = null })
        {
            return new RuleViolation(RegistryRules.MembershipTermsFixed,
                "Only a membership's end date can change: to change its body, seat, person, representation, role, vote or start, end it and start another.");
        }

        return terms.EndsOn is { } endsOn
            ? End(endsOn, now)
            : new RuleViolation(RegistryRules.MembershipEnded, $"The membership ends on {EndsOn:yyyy-MM-dd}; an ended membership cannot be reopened: start another.");
    }

    /// <summary>Removes a membership entered in error; announces <c>MembershipEnded</c> with <c>removed</c>.</summary>
    public override void Remove(DateTimeOffset now)
    {
        var live = !IsRemoved;
        base.Remove(now);
        if (live)
        {
            Raise(MembershipEvents.Ended(this));
        }
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
