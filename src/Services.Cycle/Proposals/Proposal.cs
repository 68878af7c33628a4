using Concordat.Cycle.Decisions;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Meetings;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Proposals;

/// <summary>What is put to the authorising body (the prospectus's words).</summary>
public enum ProposalKind
{
    ActionPlan,
    Policy,
    Programme,
    IssuesPaper,
}

/// <summary>What a proposal is about and what it asks of each partner organisation.</summary>
public sealed record ProposalDetails(
    Guid IssueId,
    Guid BodyId,
    ProposalKind Kind,
    string Title,
    string? Summary,
    IReadOnlyList<ResourceAllocation> RequestedResources);

/// <summary>
/// An action plan, policy, programme or issues paper, put by a holder of an issue to an authorising body, for a recorded
/// meeting of that body (it may be drafted before one is chosen). It lists the resources it asks of each partner
/// organisation, in the shape of a decision's allocations. Private to the bodies concerned until it is on a published
/// agenda or a published decision names it. A versioned record, so placing it for a meeting needs the version read.
/// </summary>
public sealed class Proposal : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int SummaryMaxLength = 8000;

    private Proposal()
    {
    }

    public Guid IssueId { get; private set; }

    /// <summary>The authorising body it is put to.</summary>
    public Guid BodyId { get; private set; }

    /// <summary>The holder of the issue that puts it.</summary>
    public Guid ProposedByBodyId { get; private set; }

    public ProposalKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string? Summary { get; private set; }

    public List<ResourceAllocation> RequestedResources { get; private set; } = [];

    /// <summary>The recorded meeting it is placed for (the latest, when a deferred proposal is placed again).</summary>
    public Guid? MeetingId { get; private set; }

    /// <summary>When that meeting starts (a meeting's time is fixed when scheduled), so the forward plan reads one index.</summary>
    public DateTimeOffset? MeetingStartsAt { get; private set; }

    /// <summary>The item of the meeting's agenda that carries it.</summary>
    public Guid? AgendaItemId { get; private set; }

    /// <summary>When it became public: its agenda was published, or a published decision named it.</summary>
    public DateTimeOffset? PublicSince { get; private set; }

    public bool IsPublic => PublicSince is not null;

    /// <summary>Puts a proposal (not yet placed for a meeting) if <see cref="ProposalRules.MayPut"/> allows it.</summary>
    public static (Proposal? Proposal, RuleViolation? Violation) Put(ProposalDetails details, Issue issue, HolderCandidate proposer, HolderCandidate body, DateTimeOffset now)
    {
        if (ProposalRules.MayPut(issue.Stage, issue.HolderIds, proposer, body) is { } violation)
        {
            return (null, violation);
        }

        return (new Proposal
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            UpdatedAt = now,
            IssueId = issue.Id,
            BodyId = body.Id,
            ProposedByBodyId = proposer.Id,
            Kind = details.Kind,
            Title = details.Title.Trim(),
            Summary = string.IsNullOrWhiteSpace(details.Summary) ? null : details.Summary.Trim(),
            RequestedResources = [.. details.RequestedResources.Select(a => new ResourceAllocation
            {
                OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = string.IsNullOrWhiteSpace(a.InKind) ? null : a.InKind.Trim(),
            })],
        }, null);
    }

    /// <summary>
    /// Places it for <paramref name="meeting"/> if <see cref="ProposalRules.MayPlace"/> allows, adding a <c>proposal</c>
    /// item to the meeting's draft agenda (a published agenda is not changed).
    /// </summary>
    public RuleViolation? PlaceFor(Meeting meeting, DateTimeOffset now)
    {
        if (ProposalRules.MayPlace(BodyId, MeetingStartsAt, meeting.BodyIds, meeting.StartsAt, now) is { } violation)
        {
            return violation;
        }

        var (item, refused) = meeting.AddProposal(Id, IssueId, Title, now);
        if (refused is not null)
        {
            return refused;
        }

        MeetingId = meeting.Id;
        MeetingStartsAt = meeting.StartsAt;
        AgendaItemId = item!.Id;
        Touch(now);
        return null;
    }

    /// <summary>Makes it public (once): it is on a published agenda, or a published decision names it.</summary>
    public void MakePublic(DateTimeOffset now)
    {
        if (PublicSince is null)
        {
            PublicSince = now;
            Touch(now);
        }
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> proposal)
    {
        proposal.ToTable("proposals");
        proposal.ConfigureRecord();
        proposal.Ignore(p => p.IsPublic);
        proposal.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        proposal.Property(p => p.Title).HasMaxLength(Proposal.TitleMaxLength);
        proposal.Property(p => p.Summary).HasMaxLength(Proposal.SummaryMaxLength);
        proposal.OwnsMany(p => p.RequestedResources, a => a.ToJson("requested_resources"));
        proposal.HasIndex(p => p.IssueId);
        // The forward plan and a body's holding read proposals placed for coming meetings, by the meeting's start.
        proposal.HasIndex(p => new { p.MeetingStartsAt, p.Id }).HasFilter("meeting_id IS NOT NULL AND removed_at IS NULL");
        proposal.HasIndex(p => new { p.BodyId, p.MeetingStartsAt, p.Id }).HasFilter("meeting_id IS NOT NULL AND removed_at IS NULL");
    }
}
