using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Clocks;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Scrutiny.Reports;

/// <summary>What the addressee said to a recommendation (the values of <c>RecommendationResponded.Outcome</c>).</summary>
public enum ResponseOutcome
{
    Accepted,
    PartlyAccepted,
    Rejected,
}

/// <summary>One action of a response's action plan, with the day it should be done by.</summary>
public sealed class PlannedAction
{
    public string Action { get; set; } = "";

    public DateOnly TargetOn { get; set; }
}

/// <summary>A progress update on an accepted recommendation.</summary>
public sealed class ProgressUpdate
{
    public DateTimeOffset At { get; set; }

    public string Note { get; set; } = "";

    public string By { get; set; } = "";
}

/// <summary>A recommendation as drafted: its text and its addressee, a registry organisation or a registry body (one of the two).</summary>
public sealed record RecommendationDraft(string Text, Guid? AddresseeOrganisationId, Guid? AddresseeBodyId);

/// <summary>
/// A recommendation of a report, addressed to a partner authority or a partnership body. Private with its draft report;
/// once published, public with its response: the addressee responds by its due date (<c>RecommendationResponded</c>),
/// is chased daily after it (<c>ResponseOverdue</c>), and reports progress on an accepted one to completion
/// (<c>RecommendationCompleted</c>).
/// </summary>
public sealed class Recommendation : VersionedRecord
{
    public const int TextMaxLength = 8000;
    public const int ReasonsMaxLength = 8000;
    public const int ActionMaxLength = 2000;
    public const int MaxActions = 50;
    public const int MaxProgress = 200;
    public const string AlreadyResponded = "recommendation-already-responded";
    public const string NotAccepted = "recommendation-not-accepted";
    public const string AlreadyCompleted = "recommendation-already-completed";

    private Recommendation()
    {
    }

    public Guid ReportId { get; private set; }

    public Guid CommitteeBodyId { get; private set; }

    public int Number { get; private set; }

    public string Text { get; private set; } = "";

    public Guid? AddresseeOrganisationId { get; private set; }

    public Guid? AddresseeBodyId { get; private set; }

    /// <summary>True once its report is published (copied, so public lists of recommendations read one table).</summary>
    public bool Published { get; private set; }

    public DateOnly? ResponseDueOn { get; private set; }

    public ResponseOutcome? Outcome { get; private set; }

    public string? Reasons { get; private set; }

    public List<PlannedAction> Actions { get; private set; } = [];

    public DateTimeOffset? RespondedAt { get; private set; }

    public string? RespondedBy { get; private set; }

    public List<ProgressUpdate> Progress { get; private set; } = [];

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    /// <summary>The last UK day <c>ResponseOverdue</c> went out for it; at most one a day.</summary>
    public DateOnly? LastChasedOn { get; private set; }

    public string Subject => $"recommendations/{Id}";

    public bool IsOverdueOn(DateOnly today) => Published && RespondedAt is null && ResponseDueOn is { } due && StatutoryClocks.IsOverdue(due, today);

    internal static Recommendation Draft(Report report, int number, RecommendationDraft draft, DateTimeOffset now)
    {
        var recommendation = new Recommendation
        {
            Id = Guid.CreateVersion7(), CreatedAt = now, ReportId = report.Id, CommitteeBodyId = report.CommitteeBodyId, Number = number, Text = draft.Text.Trim(),
            AddresseeOrganisationId = draft.AddresseeOrganisationId, AddresseeBodyId = draft.AddresseeBodyId,
        };
        recommendation.Touch(now);
        return recommendation;
    }

    internal void Publish(DateOnly dueOn, DateTimeOffset now)
    {
        Published = true;
        ResponseDueOn = dueOn;
        Touch(now);
    }

    /// <summary>The addressee's response, once: accepted or partly accepted with an action plan, or rejected, with reasons.</summary>
    public RuleViolation? Respond(ResponseOutcome outcome, string reasons, IReadOnlyList<PlannedAction> actions, string by, DateTimeOffset now)
    {
        if (RespondedAt is not null)
        {
            return new RuleViolation(AlreadyResponded, $"The recommendation was responded to ({Wire(Outcome!.Value)}) at {RespondedAt:O}.");
        }

        Outcome = outcome;
        Reasons = reasons.Trim();
        Actions = outcome == ResponseOutcome.Rejected ? [] : [.. actions.Select(a => new PlannedAction { Action = a.Action.Trim(), TargetOn = a.TargetOn })];
        RespondedAt = now;
        RespondedBy = by;
        Touch(now);
        Raise(new RecommendationResponded
        {
            Subject = Subject, RecommendationId = Id, ReportId = ReportId, CommitteeBodyId = CommitteeBodyId, AddresseeOrganisationId = AddresseeOrganisationId,
            AddresseeBodyId = AddresseeBodyId, Outcome = Wire(outcome), Reasons = Reasons,
            Actions = [.. Actions.Select(a => new RecommendationAction { Action = a.Action, TargetOn = a.TargetOn })],
            DueOn = ResponseDueOn ?? StatutoryClocks.UkDay(now), RespondedAt = now,
            Late = ResponseDueOn is { } due && StatutoryClocks.IsOverdue(due, StatutoryClocks.UkDay(now)), RespondedBy = by,
        });
        return null;
    }

    /// <summary>Progress on an accepted (or partly accepted) recommendation; <paramref name="completed"/> ends it with <c>RecommendationCompleted</c>.</summary>
    public RuleViolation? ReportProgress(string note, bool completed, string by, DateTimeOffset now)
    {
        if (Outcome is not (ResponseOutcome.Accepted or ResponseOutcome.PartlyAccepted))
        {
            return new RuleViolation(NotAccepted, "Progress is tracked on a recommendation its addressee accepted or partly accepted.");
        }

        if (CompletedAt is not null)
        {
            return new RuleViolation(AlreadyCompleted, $"The recommendation was completed at {CompletedAt:O}.");
        }

        if (Progress.Count >= MaxProgress)
        {
            return new RuleViolation("recommendation-progress-full", $"A recommendation holds at most {MaxProgress} progress updates.");
        }

        Progress.Add(new ProgressUpdate { At = now, Note = note.Trim(), By = by });
        if (completed)
        {
            CompletedAt = now;
            CompletedBy = by;
            Raise(new RecommendationCompleted
            {
                Subject = Subject, RecommendationId = Id, ReportId = ReportId, CommitteeBodyId = CommitteeBodyId, AddresseeOrganisationId = AddresseeOrganisationId,
                AddresseeBodyId = AddresseeBodyId, Note = note.Trim(), CompletedAt = now, CompletedBy = by,
            });
        }

        Touch(now);
        return null;
    }

    /// <summary>Chases the response for <paramref name="today"/> if it is overdue and not yet chased today; whether it did.</summary>
    public bool Chase(DateOnly today)
    {
        if (!IsOverdueOn(today) || LastChasedOn >= today)
        {
            return false;
        }

        // Not Touch: a chase changes nothing the public reads, so modified_since readers are not sent it again.
        LastChasedOn = today;
        Raise(new ResponseOverdue
        {
            Subject = Subject, RecommendationId = Id, ReportId = ReportId, CommitteeBodyId = CommitteeBodyId, AddresseeOrganisationId = AddresseeOrganisationId,
            AddresseeBodyId = AddresseeBodyId, DueOn = ResponseDueOn!.Value, ChasedOn = today, DaysOverdue = StatutoryClocks.DaysOverdue(ResponseDueOn.Value, today),
        });
        return true;
    }

    public static string Wire(ResponseOutcome outcome) => new Wire<ResponseOutcome>(outcome).ToString();
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> recommendation)
    {
        recommendation.ToTable("recommendations");
        recommendation.ConfigureRecord();
        recommendation.Ignore(r => r.Subject);
        recommendation.Property(r => r.Text).HasMaxLength(Recommendation.TextMaxLength);
        recommendation.Property(r => r.Reasons).HasMaxLength(Recommendation.ReasonsMaxLength);
        recommendation.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        recommendation.Property(r => r.RespondedBy).HasMaxLength(200);
        recommendation.Property(r => r.CompletedBy).HasMaxLength(200);
        recommendation.OwnsMany(r => r.Actions, a => a.ToJson("actions"));
        recommendation.OwnsMany(r => r.Progress, p => p.ToJson("progress"));
        recommendation.HasIndex(r => new { r.ReportId, r.Number }).IsUnique();
        recommendation.HasIndex(r => r.AddresseeOrganisationId);
        recommendation.HasIndex(r => r.AddresseeBodyId);
        // The daily chase reads published, unanswered recommendations by due date.
        recommendation.HasIndex(r => r.ResponseDueOn).HasFilter("published AND responded_at IS NULL AND removed_at IS NULL");
    }
}

/// <summary>
/// Sends <c>ResponseOverdue</c> for each published recommendation whose response is past its due date, once per
/// recommendation and UK day: one replica at a time (<see cref="DailyChase"/>), each marked with the day in the
/// transaction that writes the event.
/// </summary>
public sealed class ResponseChase(Data.ScrutinyDbContext db, TimeProvider time)
{
    public Task<int> ChaseAsync(CancellationToken cancellationToken) => DailyChase.RepeatAsync(ChaseBatchAsync, cancellationToken);

    private async Task<int> ChaseBatchAsync(CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DailyChase.TryLockAsync(db, DailyChase.RecommendationResponsesLock, cancellationToken))
        {
            return 0;
        }

        var due = await db.Recommendations
            .Where(r => r.Published && r.RespondedAt == null && r.RemovedAt == null && r.ResponseDueOn < today && (r.LastChasedOn == null || r.LastChasedOn < today))
            .OrderBy(r => r.ResponseDueOn).ThenBy(r => r.Id).Take(DailyChase.Batch)
            .ToListAsync(cancellationToken);
        var chased = due.Count(r => r.Chase(today));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return chased;
    }
}

/// <summary>Runs <see cref="ResponseChase"/> a minute after start and then hourly.</summary>
public sealed class ResponseChases(IServiceScopeFactory scopes, TimeProvider time, ILogger<ResponseChases> logger)
    : PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Overdue recommendation response chases";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ResponseChase>().ChaseAsync(cancellationToken);
}
