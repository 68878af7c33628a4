using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Delivery;

/// <summary>What a monitoring report holds: the plan's actions (rolled up), milestones, indicators and risks at its date, and its exception list.</summary>
public sealed record MonitoringSnapshot(
    IReadOnlyList<ExceptionLine> Exceptions,
    IReadOnlyList<ActionResponse> Actions,
    IReadOnlyList<MilestoneResponse> Milestones,
    IReadOnlyList<IndicatorResponse> Indicators,
    IReadOnlyList<RiskResponse> Risks);

/// <summary>
/// The lead body's periodic report on a delivery plan: a snapshot of its actions, milestones, indicators and risks at a
/// date, with the exceptions, stored as issued (JSON) and never recomputed, so a past report reads as it did. Issued
/// reports are public.
/// </summary>
public sealed class MonitoringReport : VersionedRecord
{
    public const int SummaryMaxLength = 8000;

    /// <summary>How a snapshot is written and read back: as the API shows it, enumerations in snake case.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private MonitoringReport()
    {
    }

    public Guid PlanId { get; private set; }

    public Guid IssueId { get; private set; }

    public Guid LeadBodyId { get; private set; }

    public DateOnly AsAt { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>The snapshot as issued (<see cref="MonitoringSnapshot"/> as JSON).</summary>
    public string Snapshot { get; private set; } = "{}";

    /// <summary>How many exceptions the snapshot lists, kept beside it so the holding need not read every snapshot.</summary>
    public int ExceptionCount { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public string IssuedBy { get; private set; } = "";

    public MonitoringSnapshot Read() => JsonSerializer.Deserialize<MonitoringSnapshot>(Snapshot, Json)!;

    public static MonitoringReport Issue(DeliveryPlan plan, DateOnly asAt, string? summary, MonitoringSnapshot snapshot, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        PlanId = plan.Id,
        IssueId = plan.IssueId,
        LeadBodyId = plan.LeadBodyId,
        AsAt = asAt,
        Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(),
        Snapshot = JsonSerializer.Serialize(snapshot, Json),
        ExceptionCount = snapshot.Exceptions.Count,
        IssuedAt = now,
        IssuedBy = by,
    };

    /// <summary>
    /// The snapshot of <paramref name="plan"/> and its <paramref name="actions"/> at <paramref name="asAt"/>, with the exception
    /// list: off-track actions (off track or red as shown, not done or dropped), missed milestones, indicators behind
    /// trajectory and risks past review.
    /// </summary>
    public static MonitoringSnapshot Take(DeliveryPlan plan, IReadOnlyList<DeliveryAction> actions, DateOnly asAt)
    {
        var shown = DeliveryApi.Actions(actions, asAt);
        var milestones = plan.Milestones.Select(MilestoneResponse.From).ToList();
        var indicators = plan.Indicators.Select(IndicatorResponse.From).ToList();
        var risks = plan.Risks.Select(RiskResponse.From).ToList();
        var exceptions = new List<ExceptionLine>();
        exceptions.AddRange(shown.Where(a => DeliveryRules.IsException(a.Status, a.ShownRag)).Select(a => new ExceptionLine(
            ExceptionKind.OffTrackAction, a.Id, a.Title, $"{Wire(a.Status)}, shown {(a.ShownRag is { } rag ? Wire(rag) : "unrated")}{(a.Overridden ? " (overridden)" : "")}, due {a.DueOn:yyyy-MM-dd}")));
        exceptions.AddRange(milestones.Where(m => DeliveryRules.Missed(m.DueOn, m.AchievedOn, asAt)).Select(m => new ExceptionLine(
            ExceptionKind.MissedMilestone, m.Id, m.Title, $"due {m.DueOn:yyyy-MM-dd}, not achieved; moved later {m.Slips} time(s)")));
        exceptions.AddRange(indicators.Where(i => i.Trajectory == TrajectoryStatus.BehindTrajectory).Select(i => new ExceptionLine(
            ExceptionKind.IndicatorBehindTrajectory, i.Id, i.Name, $"latest actual behind target ({Wire(i.Better)} is better)")));
        exceptions.AddRange(risks.Where(r => DeliveryRules.PastReview(r.ReviewOn, asAt)).Select(r => new ExceptionLine(
            ExceptionKind.RiskPastReview, r.Id, r.Description, $"review was due {r.ReviewOn:yyyy-MM-dd}; score {r.Score}")));
        return new MonitoringSnapshot(exceptions, shown, milestones, indicators, risks);
    }

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

internal sealed class MonitoringReportConfiguration : IEntityTypeConfiguration<MonitoringReport>
{
    public void Configure(EntityTypeBuilder<MonitoringReport> report)
    {
        report.ToTable("monitoring_reports");
        report.ConfigureRecord();
        report.Property(r => r.Summary).HasMaxLength(MonitoringReport.SummaryMaxLength);
        report.Property(r => r.Snapshot).HasColumnType("jsonb");
        report.Property(r => r.IssuedBy).HasMaxLength(200);
        report.HasIndex(r => new { r.PlanId, r.CreatedAt, r.Id });
        // The holding's latest report per issue it holds in implementation.
        report.HasIndex(r => new { r.IssueId, r.AsAt });
    }
}
