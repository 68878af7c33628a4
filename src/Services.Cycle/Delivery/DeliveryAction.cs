using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Delivery;

/// <summary>A dated, attributed note of progress on an action.</summary>
public sealed class ProgressUpdate
{
    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";

    public string Note { get; set; } = "";

    public int? PercentComplete { get; set; }

    public ActionStatus Status { get; set; }

    public Rag? Rag { get; set; }
}

/// <summary>
/// An action of a delivery plan: an owner organisation (and optionally a body), a title, a due date, a status and a RAG
/// rating with its reason, and progress updates. It may sit under a parent action; RAG and progress roll up
/// (<see cref="DeliveryRules.RollUp"/>) unless the lead body overrides the RAG shown, with a reason.
/// </summary>
public sealed class DeliveryAction : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int NoteMaxLength = 4000;
    public const int MaxUpdates = 500;

    private DeliveryAction()
    {
    }

    public Guid PlanId { get; private set; }

    public Guid IssueId { get; private set; }

    public Guid? ParentId { get; private set; }

    public Guid OwnerOrganisationId { get; private set; }

    public Guid? OwnerBodyId { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public ActionStatus Status { get; private set; }

    public Rag? Rag { get; private set; }

    public string? RagReason { get; private set; }

    /// <summary>The RAG the lead body shows instead of the rolled-up one, with its reason; the rolled-up one stays visible.</summary>
    public Rag? OverrideRag { get; private set; }

    public string? OverrideReason { get; private set; }

    public string? OverrideBy { get; private set; }

    public List<ProgressUpdate> Progress { get; private set; } = [];

    public int? PercentComplete => Progress.LastOrDefault(p => p.PercentComplete is not null)?.PercentComplete;

    public ActionNode Node => new(Id, ParentId, Status, Rag, PercentComplete, OverrideRag);

    public static DeliveryAction Add(DeliveryPlan plan, Guid? parentId, Guid owner, Guid? ownerBody, string title, DateOnly dueOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        PlanId = plan.Id,
        IssueId = plan.IssueId,
        ParentId = parentId,
        OwnerOrganisationId = owner,
        OwnerBodyId = ownerBody,
        Title = title.Trim(),
        DueOn = dueOn,
        Status = ActionStatus.NotStarted,
    };

    /// <summary>Records progress; true when the status or RAG changed (which is announced).</summary>
    public RuleViolation? Update(string note, int? percent, ActionStatus? status, Rag? rag, string? ragReason, string by, DateTimeOffset now, out bool changed)
    {
        changed = false;
        if (Progress.Count >= MaxUpdates)
        {
            return new RuleViolation("action-updates-full", $"An action keeps at most {MaxUpdates} progress updates; add a new action.");
        }

        var newStatus = status ?? Status;
        var newRag = rag ?? Rag;
        changed = newStatus != Status || newRag != Rag;
        Status = newStatus;
        if (rag is not null)
        {
            Rag = rag;
            RagReason = ragReason?.Trim();
        }

        Progress.Add(new ProgressUpdate { At = now, By = by, Note = note.Trim(), PercentComplete = percent, Status = Status, Rag = Rag });
        Touch(now);
        return null;
    }

    /// <summary>Sets (or, with null, clears) the lead body's override of the RAG shown.</summary>
    public void Override(Rag? rag, string? reason, string by, DateTimeOffset now)
    {
        OverrideRag = rag;
        OverrideReason = rag is null ? null : reason?.Trim();
        OverrideBy = rag is null ? null : by;
        Touch(now);
    }
}

internal sealed class DeliveryActionConfiguration : IEntityTypeConfiguration<DeliveryAction>
{
    public void Configure(EntityTypeBuilder<DeliveryAction> action)
    {
        action.ToTable("delivery_actions");
        action.ConfigureRecord();
        action.Ignore(a => a.PercentComplete);
        action.Ignore(a => a.Node);
        action.Property(a => a.Title).HasMaxLength(DeliveryAction.TitleMaxLength);
        action.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        action.Property(a => a.Rag).HasConversion<string>().HasMaxLength(10);
        action.Property(a => a.OverrideRag).HasConversion<string>().HasMaxLength(10);
        action.Property(a => a.RagReason).HasMaxLength(DeliveryAction.NoteMaxLength);
        action.Property(a => a.OverrideReason).HasMaxLength(DeliveryAction.NoteMaxLength);
        action.Property(a => a.OverrideBy).HasMaxLength(200);
        action.OwnsMany(a => a.Progress, p =>
        {
            p.ToJson("progress");
            p.Property(x => x.Status).HasConversion<string>();
            p.Property(x => x.Rag).HasConversion<string>();
        });
        action.HasIndex(a => new { a.PlanId, a.CreatedAt, a.Id });
        // "What is overdue for my organisation?": open actions of an organisation in due-date order.
        action.HasIndex(a => new { a.OwnerOrganisationId, a.DueOn, a.Id })
            .HasFilter("removed_at IS NULL AND status NOT IN ('Done', 'Dropped')");
        // "How is the LAA doing?": whether a plan has an open action off track or shown red, one probe per plan.
        action.HasIndex(a => a.PlanId).HasDatabaseName("ix_delivery_actions_plan_id_exceptions")
            .HasFilter("removed_at IS NULL AND status NOT IN ('Done', 'Dropped') AND (status = 'OffTrack' OR COALESCE(override_rag, rag) = 'Red')");
    }
}
