using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Clocks;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Scrutiny.InformationRequests;

/// <summary>
/// A committee's request for information from a partner authority (a registry organisation): the question, the day it
/// was sent and the day it is due by the committee's regime, and the partner's answer. Seen only by those who act for the
/// committee and by the partner it is addressed to; <c>InformationRequested</c> and <c>InformationProvided</c> are written
/// to the outbox with it, and <c>InformationRequestOverdue</c> once a UK day while it is overdue.
/// </summary>
public sealed class InformationRequest : VersionedRecord
{
    public const int QuestionMaxLength = 8000;
    public const int AnswerMaxLength = 50000;
    public const string AlreadyAnswered = "information-request-already-answered";

    private InformationRequest()
    {
    }

    public Guid CommitteeBodyId { get; private set; }

    /// <summary>The partner authority asked: a registry organisation id.</summary>
    public Guid OrganisationId { get; private set; }

    public string Question { get; private set; } = "";

    public string Regime { get; private set; } = "";

    public DateOnly SentOn { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public string? Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public string? AnsweredBy { get; private set; }

    /// <summary>The last UK day <c>InformationRequestOverdue</c> went out for it; at most one a day.</summary>
    public DateOnly? LastChasedOn { get; private set; }

    public string Subject => $"information-requests/{Id}";

    public bool IsOverdueOn(DateOnly today) => AnsweredAt is null && StatutoryClocks.IsOverdue(DueOn, today);

    /// <summary>A request sent on <paramref name="sentOn"/> (today, or earlier by letter), due by <paramref name="regime"/>'s clock.</summary>
    public static InformationRequest Send(
        Guid committee, Guid organisation, string question, (string Name, ScrutinyRegime Clocks) regime, DateOnly sentOn, string by, DateTimeOffset now)
    {
        var request = new InformationRequest
        {
            Id = Guid.CreateVersion7(), CreatedAt = now, CommitteeBodyId = committee, OrganisationId = organisation, Question = question.Trim(),
            Regime = regime.Name, SentOn = sentOn, DueOn = StatutoryClocks.InformationDue(sentOn, regime.Clocks), RequestedBy = by,
        };
        request.Touch(now);
        request.Raise(new InformationRequested
        {
            Subject = request.Subject, InformationRequestId = request.Id, CommitteeBodyId = committee, OrganisationId = organisation,
            Question = request.Question, SentOn = sentOn, DueOn = request.DueOn, Regime = regime.Name, RequestedBy = by,
        });
        return request;
    }

    /// <summary>The partner's answer, once; <c>InformationProvided</c> says whether it was late.</summary>
    public RuleViolation? Provide(string answer, string by, DateTimeOffset now)
    {
        if (AnsweredAt is not null)
        {
            return new RuleViolation(AlreadyAnswered, $"The request was answered at {AnsweredAt:O}.");
        }

        Answer = answer.Trim();
        AnsweredAt = now;
        AnsweredBy = by;
        Touch(now);
        Raise(new InformationProvided
        {
            Subject = Subject, InformationRequestId = Id, CommitteeBodyId = CommitteeBodyId, OrganisationId = OrganisationId, DueOn = DueOn,
            ProvidedAt = now, Late = StatutoryClocks.IsOverdue(DueOn, StatutoryClocks.UkDay(now)), ProvidedBy = by,
        });
        return null;
    }

    /// <summary>Chases the request for <paramref name="today"/> if it is overdue and not yet chased today; whether it did.</summary>
    public bool Chase(DateOnly today)
    {
        if (!IsOverdueOn(today) || LastChasedOn >= today)
        {
            return false;
        }

        // Not Touch: a chase is not a change of the request, so modified_since readers are not sent it again.
        LastChasedOn = today;
        Raise(new InformationRequestOverdue
        {
            Subject = Subject, InformationRequestId = Id, CommitteeBodyId = CommitteeBodyId, OrganisationId = OrganisationId, DueOn = DueOn,
            ChasedOn = today, DaysOverdue = StatutoryClocks.DaysOverdue(DueOn, today),
        });
        return true;
    }
}

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> request)
    {
        request.ToTable("information_requests");
        request.ConfigureRecord();
        request.Ignore(r => r.Subject);
        request.Property(r => r.Question).HasMaxLength(InformationRequest.QuestionMaxLength);
        request.Property(r => r.Answer).HasMaxLength(InformationRequest.AnswerMaxLength);
        request.Property(r => r.Regime).HasMaxLength(100);
        request.Property(r => r.RequestedBy).HasMaxLength(200);
        request.Property(r => r.AnsweredBy).HasMaxLength(200);
        request.HasIndex(r => r.CommitteeBodyId);
        request.HasIndex(r => r.OrganisationId);
        // The daily chase reads unanswered requests by due date.
        request.HasIndex(r => r.DueOn).HasFilter("answered_at IS NULL AND removed_at IS NULL");
    }
}

/// <summary>
/// Sends <c>InformationRequestOverdue</c> for each unanswered request past its due date, once per request and UK day:
/// one replica at a time (<see cref="DailyChase"/>), each request marked with the day in the transaction that writes the event.
/// </summary>
public sealed class InformationRequestChase(Data.ScrutinyDbContext db, TimeProvider time)
{
    public Task<int> ChaseAsync(CancellationToken cancellationToken) => DailyChase.RepeatAsync(ChaseBatchAsync, cancellationToken);

    private async Task<int> ChaseBatchAsync(CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DailyChase.TryLockAsync(db, DailyChase.InformationRequestsLock, cancellationToken))
        {
            return 0;
        }

        var due = await db.InformationRequests
            .Where(r => r.AnsweredAt == null && r.RemovedAt == null && r.DueOn < today && (r.LastChasedOn == null || r.LastChasedOn < today))
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(DailyChase.Batch)
            .ToListAsync(cancellationToken);
        var chased = due.Count(r => r.Chase(today));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return chased;
    }
}

/// <summary>Runs <see cref="InformationRequestChase"/> a minute after start and then hourly, so each day's chases go out early that day.</summary>
public sealed class InformationRequestChases(IServiceScopeFactory scopes, TimeProvider time, ILogger<InformationRequestChases> logger)
    : PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Overdue information request chases";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<InformationRequestChase>().ChaseAsync(cancellationToken);
}
