using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Issues;

/// <summary>The four ways an issue enters the cycle (the prospectus, Appendix 1).</summary>
public enum IssueKind
{
    StrategyDevelopment,
    StrategicResponse,
    StrategicReview,
    EmergentStrategy,
}

/// <summary>Where an issue is in the cycle; each stage but closed is held by bodies whose roles allow it.</summary>
public enum IssueStage
{
    Deliberation,
    Authorisation,
    Implementation,
    Evaluation,
    Closed,
}

/// <summary>What an issue is about and where it came from, as raised.</summary>
public sealed record IssueDetails(
    string Title,
    string? Description,
    IssueKind Kind,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> Areas,
    Guid? RaisedByBodyId,
    Guid? RaisedByOrganisationId,
    Guid? ParentIssueId,
    DateOnly? DueOn);

/// <summary>
/// An issue in the cycle: a climate change strategy, a major employer closing, rising truancy. It is in one stage at a
/// time, held by one body (or, in deliberation, jointly by several), and changes stage only by a move that
/// <see cref="StageRules"/> allows; a versioned record, so two moves of one issue cannot both win.
/// </summary>
public sealed class Issue : VersionedRecord
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8000;
    public const int ThemeMaxLength = 100;
    public const int ReasonMaxLength = 2000;

    private Issue()
    {
    }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public IssueKind Kind { get; private set; }

    public List<string> Themes { get; private set; } = [];

    /// <summary>The councils' areas affected, as registry organisation ids (the registry publishes no organisation events, so they are taken as given).</summary>
    public List<Guid> Areas { get; private set; } = [];

    public Guid? RaisedByBodyId { get; private set; }

    public Guid? RaisedByOrganisationId { get; private set; }

    /// <summary>The issue this one follows up (an evaluation's follow-up goes back to deliberation as a new issue).</summary>
    public Guid? ParentIssueId { get; private set; }

    public IssueStage Stage { get; private set; }

    /// <summary>The bodies holding the issue now; when it is closed, those that held it last.</summary>
    public List<IssueHolder> Holders { get; private set; } = [];

    public DateOnly? DueOn { get; private set; }

    public string? ClosedReason { get; private set; }

    public IReadOnlyList<Guid> HolderIds => [.. Holders.Select(h => h.BodyId).Order()];

    /// <summary>Raises an issue into deliberation, held by <paramref name="holders"/>, if they may hold it.</summary>
    public static (Issue? Issue, RuleViolation? Violation) Raise(IssueDetails details, IReadOnlyList<HolderCandidate> holders, DateTimeOffset now)
    {
        if (StageRules.MayHold(IssueStage.Deliberation, holders) is { } violation)
        {
            return (null, violation);
        }

        var issue = new Issue
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            UpdatedAt = now,
            Title = details.Title.Trim(),
            Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim(),
            Kind = details.Kind,
            Themes = [.. details.Themes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
            Areas = [.. details.Areas.Distinct()],
            RaisedByBodyId = details.RaisedByBodyId,
            RaisedByOrganisationId = details.RaisedByOrganisationId,
            ParentIssueId = details.ParentIssueId,
            Stage = IssueStage.Deliberation,
            DueOn = details.DueOn,
        };
        issue.Holders = [.. holders.Select(h => h.Id).Distinct().Select(b => new IssueHolder { IssueId = issue.Id, BodyId = b, Stage = IssueStage.Deliberation })];
        return (issue, null);
    }

    /// <summary>
    /// Moves the issue to <paramref name="to"/>, held by <paramref name="holders"/> (ignored when closing), if
    /// <see cref="StageRules.Move"/> allows it. <paramref name="decisionInEffect"/> is whether a decision on the issue is
    /// in effect, which implementation needs.
    /// </summary>
    public RuleViolation? MoveTo(IssueStage to, IReadOnlyList<HolderCandidate> holders, bool decisionInEffect, string? reason, DateOnly? dueOn, DateTimeOffset now)
    {
        if (StageRules.Move(Stage, to, holders, decisionInEffect) is { } violation)
        {
            return violation;
        }

        Stage = to;
        if (to == IssueStage.Closed)
        {
            ClosedReason = reason?.Trim();
            foreach (var holder in Holders)
            {
                holder.Stage = to;
            }
        }
        else
        {
            var next = holders.Select(h => h.Id).Distinct().ToHashSet();
            // Changed in place, not cleared and re-added: a body that keeps the issue keeps its row.
            Holders.RemoveAll(h => !next.Contains(h.BodyId));
            foreach (var holder in Holders)
            {
                holder.Stage = to;
            }

            foreach (var body in next.Where(b => Holders.All(h => h.BodyId != b)))
            {
                Holders.Add(new IssueHolder { IssueId = Id, BodyId = body, Stage = to });
            }

            DueOn = dueOn ?? DueOn;
        }

        Touch(now);
        return null;
    }

    /// <summary>
    /// A decision on the issue was referred back by scrutiny: the issue returns to authorisation, held by
    /// <paramref name="decidingBody"/>, for a new decision. Not a move a holder may make, so not through
    /// <see cref="StageRules.Move"/>. True when it changed stage; an issue still in authorisation stays as it is, and one
    /// back in deliberation or closed is left where its holders put it.
    /// </summary>
    public bool ReturnToAuthorisation(Guid decidingBody, DateTimeOffset now)
    {
        if (Stage is not (IssueStage.Implementation or IssueStage.Evaluation))
        {
            return false;
        }

        Holders.RemoveAll(h => h.BodyId != decidingBody);
        foreach (var holder in Holders)
        {
            holder.Stage = IssueStage.Authorisation;
        }

        if (Holders.Count == 0)
        {
            Holders.Add(new IssueHolder { IssueId = Id, BodyId = decidingBody, Stage = IssueStage.Authorisation });
        }

        Stage = IssueStage.Authorisation;
        Touch(now);
        return true;
    }
}

/// <summary>
/// A body holding an issue, with the issue's stage copied so "what is this body holding" reads one index
/// (<c>body_id, stage</c>) rather than every issue.
/// </summary>
public sealed class IssueHolder
{
    public Guid IssueId { get; set; }

    public Guid BodyId { get; set; }

    public IssueStage Stage { get; set; }
}

internal sealed class IssueConfiguration : IEntityTypeConfiguration<Issue>
{
    public void Configure(EntityTypeBuilder<Issue> issue)
    {
        issue.ToTable("issues");
        issue.ConfigureRecord();
        issue.Ignore(i => i.HolderIds);
        issue.Property(i => i.Title).HasMaxLength(Issue.TitleMaxLength);
        issue.Property(i => i.Description).HasMaxLength(Issue.DescriptionMaxLength);
        issue.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        issue.Property(i => i.Stage).HasConversion<string>().HasMaxLength(20);
        issue.Property(i => i.ClosedReason).HasMaxLength(Issue.ReasonMaxLength);
        issue.HasMany(i => i.Holders).WithOne().HasForeignKey(h => h.IssueId).OnDelete(DeleteBehavior.Cascade);
        issue.Navigation(i => i.Holders).AutoInclude();
        issue.HasIndex(i => i.Stage);
        issue.HasIndex(i => i.Kind);
        issue.HasIndex(i => i.ParentIssueId);
        // The theme and area filters ask "does the array contain"; GIN answers that from the index.
        issue.HasIndex(i => i.Themes).HasMethod("gin");
        issue.HasIndex(i => i.Areas).HasMethod("gin");
    }
}

internal sealed class IssueHolderConfiguration : IEntityTypeConfiguration<IssueHolder>
{
    public void Configure(EntityTypeBuilder<IssueHolder> holder)
    {
        holder.ToTable("issue_holders");
        holder.HasKey(h => new { h.IssueId, h.BodyId });
        holder.Property(h => h.Stage).HasConversion<string>().HasMaxLength(20);
        holder.HasIndex(h => new { h.BodyId, h.Stage });
    }
}
