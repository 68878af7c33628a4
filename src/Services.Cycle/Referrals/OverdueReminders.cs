using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Referrals;

/// <summary>
/// Sends <c>ReferralOverdue</c> for each response past its due date, at most once per referral, body and UK day however
/// often it runs and however many replicas run it: each response's row is locked (<c>SKIP LOCKED</c>, so replicas share
/// the work) and marked with the day in the transaction that writes the event to the outbox.
/// </summary>
public sealed class OverdueReminder(CycleDbContext db, TimeProvider time)
{
    /// <summary>How many responses one transaction reminds; the run repeats until none is left for today.</summary>
    public const int Batch = 200;

    /// <summary>Sends today's reminders not yet sent; how many it sent.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = await RemindBatchAsync(cancellationToken);
            total += sent;
            if (sent < Batch)
            {
                break;
            }
        }

        return total;
    }

    private async Task<int> RemindBatchAsync(CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.ReferralRecipients
            .FromSql($"""
                SELECT r.* FROM referral_recipients r JOIN issues i ON i.id = r.issue_id
                WHERE r.answered_at IS NULL AND r.due_on < {today} AND (r.last_reminded_on IS NULL OR r.last_reminded_on < {today})
                  AND i.stage <> 'Closed' AND i.removed_at IS NULL
                ORDER BY r.due_on, r.referral_id, r.body_id
                LIMIT {Batch}
                FOR UPDATE OF r SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var recipient in due)
        {
            recipient.LastRemindedOn = today;
            db.AddIntegrationEvent(new ReferralOverdue
            {
                Subject = ReferralsApi.Subject(recipient.ReferralId),
                ReferralId = recipient.ReferralId,
                IssueId = recipient.IssueId,
                BodyId = recipient.BodyId,
                DueOn = recipient.DueOn,
                RemindedOn = today,
                DaysOverdue = today.DayNumber - recipient.DueOn.DayNumber,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}

/// <summary>Runs <see cref="OverdueReminder"/> a minute after the service starts (its database migrated by then) and then every hour, so each day's reminders go out early that day.</summary>
public sealed class OverdueReminders(IServiceScopeFactory scopes, TimeProvider time, ILogger<OverdueReminders> logger)
    : PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Overdue referral reminders";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OverdueReminder>().RemindAsync(cancellationToken);
}
