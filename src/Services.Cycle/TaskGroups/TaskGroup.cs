using Concordat.Cycle.Issues;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.TaskGroups;

/// <summary>
/// A registry body set up to lead one issue's implementation, as the Employco task group led by Gloucestershire First
/// was (the prospectus, Appendix 1). Registering it for the issue lets it hold implementation of that issue, and only
/// that issue, without the executive or delivery role the registry would otherwise require.
/// </summary>
public sealed class TaskGroup
{
    public const int PurposeMaxLength = 2000;

    private TaskGroup()
    {
    }

    public Guid Id { get; private set; }

    public Guid IssueId { get; private set; }

    /// <summary>The registry body that is the task group.</summary>
    public Guid BodyId { get; private set; }

    /// <summary>What it is set up to do for the issue.</summary>
    public string? Purpose { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>The name shown for who registered it.</summary>
    public string RegisteredBy { get; private set; } = "";

    /// <summary>
    /// Registers <paramref name="body"/> as a task group for <paramref name="issue"/> if <see cref="Rules"/> allows it
    /// beside the task groups <paramref name="registered"/> for the issue already.
    /// </summary>
    public static (TaskGroup? TaskGroup, RuleViolation? Refused) Register(
        Issue issue, HolderCandidate body, IEnumerable<Guid> registered, string? purpose, string by, DateTimeOffset now)
    {
        if (Rules(issue.Stage, body, registered) is { } refused)
        {
            return (null, refused);
        }

        return (new TaskGroup
        {
            Id = Guid.CreateVersion7(now),
            IssueId = issue.Id,
            BodyId = body.Id,
            Purpose = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim(),
            RegisteredAt = now,
            RegisteredBy = by,
        }, null);
    }

    /// <summary>Null when <paramref name="body"/> may be registered as a task group for an issue in <paramref name="stage"/>.</summary>
    public static RuleViolation? Rules(IssueStage stage, HolderCandidate body, IEnumerable<Guid> registered)
    {
        if (stage == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; raise a follow-up issue to take it further.");
        }

        if (body.Dissolved)
        {
            return new RuleViolation("holder-dissolved", $"{body.Name} has been dissolved; a dissolved body holds nothing.");
        }

        return registered.Contains(body.Id)
            ? new RuleViolation("task-group-already-registered", $"{body.Name} is already registered as a task group for the issue.")
            : null;
    }
}

internal sealed class TaskGroupConfiguration : IEntityTypeConfiguration<TaskGroup>
{
    public void Configure(EntityTypeBuilder<TaskGroup> group)
    {
        group.ToTable("task_groups");
        group.HasKey(g => g.Id);
        group.Property(g => g.Id).ValueGeneratedNever();
        group.Property(g => g.Purpose).HasMaxLength(TaskGroup.PurposeMaxLength);
        group.Property(g => g.RegisteredBy).HasMaxLength(200);
        // One registration of a body per issue, whatever two clerks do at once.
        group.HasIndex(g => new { g.IssueId, g.BodyId }).IsUnique();
    }
}
