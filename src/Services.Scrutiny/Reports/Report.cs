using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Clocks;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Scrutiny.Reports;

/// <summary>Where a report stands.</summary>
public enum ReportStatus
{
    /// <summary>Being written: seen only by those who act for the committee.</summary>
    Draft,

    /// <summary>Public, with its recommendations and their responses; the response clock runs from the day it was published.</summary>
    Published,
}

/// <summary>
/// A committee's report: its findings and recommendations (<see cref="Recommendation"/>, one row each, addressed to a
/// partner authority or a partnership body). A draft until published, once, under <c>If-Match</c>: publication sets each
/// recommendation's response due date by the committee's regime and announces <c>ReportPublished</c> in the same save.
/// </summary>
public sealed class Report : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int FindingsMaxLength = 50000;
    public const int MaxRecommendations = 100;
    public const string AlreadyPublished = "report-already-published";

    private Report()
    {
    }

    public Guid CommitteeBodyId { get; private set; }

    public string Title { get; private set; } = "";

    public string Findings { get; private set; } = "";

    /// <summary>Where the full report is published, when it is a document of its own.</summary>
    public Uri? Url { get; private set; }

    public ReportStatus Status { get; private set; }

    public string Regime { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The UK day of publication: the response clock runs from it.</summary>
    public DateOnly? PublishedOn { get; private set; }

    public string? PublishedBy { get; private set; }

    public bool IsDraft => Status == ReportStatus.Draft;

    public string Subject => $"reports/{Id}";

    /// <summary>A draft report with its recommendations, numbered from 1 in the order given.</summary>
    public static (Report Report, List<Recommendation> Recommendations) Draft(
        Guid committee, string title, string findings, Uri? url, string regime, IReadOnlyList<RecommendationDraft> recommendations, string by, DateTimeOffset now)
    {
        var report = new Report
        {
            Id = Guid.CreateVersion7(), CreatedAt = now, CommitteeBodyId = committee, Title = title.Trim(), Findings = findings.Trim(), Url = url,
            Status = ReportStatus.Draft, Regime = regime, CreatedBy = by,
        };
        report.Touch(now);
        return (report, [.. recommendations.Select((r, i) => Recommendation.Draft(report, i + 1, r, now))]);
    }

    /// <summary>
    /// Publishes the report and its <paramref name="recommendations"/>, once: each response is due <paramref name="regime"/>'s
    /// months from the UK day of publication; <c>ReportPublished</c> names them all.
    /// </summary>
    public RuleViolation? Publish(IReadOnlyList<Recommendation> recommendations, ScrutinyRegime regime, string by, DateTimeOffset now)
    {
        if (Status == ReportStatus.Published)
        {
            return new RuleViolation(AlreadyPublished, $"The report was published at {PublishedAt:O}.");
        }

        var publishedOn = StatutoryClocks.UkDay(now);
        var dueOn = StatutoryClocks.ResponseDue(publishedOn, regime);
        Status = ReportStatus.Published;
        PublishedAt = now;
        PublishedOn = publishedOn;
        PublishedBy = by;
        Touch(now);
        foreach (var recommendation in recommendations)
        {
            recommendation.Publish(dueOn, now);
        }

        Raise(new ReportPublished
        {
            Subject = Subject, ReportId = Id, CommitteeBodyId = CommitteeBodyId, Title = Title, PublishedAt = now, PublishedOn = publishedOn,
            Regime = Regime, PublishedBy = by,
            Recommendations = [.. recommendations.OrderBy(r => r.Number).Select(r => new PublishedRecommendation
            {
                RecommendationId = r.Id, Number = r.Number, Text = r.Text, AddresseeOrganisationId = r.AddresseeOrganisationId,
                AddresseeBodyId = r.AddresseeBodyId, ResponseDueOn = dueOn,
            })],
        });
        return null;
    }

    /// <summary>A draft may be thrown away (a tombstone); a published report is the public record and stays.</summary>
    public RuleViolation? MayRemove() => Status == ReportStatus.Published
        ? new RuleViolation(AlreadyPublished, "A published report is the public record; it cannot be removed.")
        : null;
}

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.ToTable("reports");
        report.ConfigureRecord();
        report.Ignore(r => r.IsDraft);
        report.Ignore(r => r.Subject);
        report.Property(r => r.Title).HasMaxLength(Report.TitleMaxLength);
        report.Property(r => r.Findings).HasMaxLength(Report.FindingsMaxLength);
        report.Property(r => r.Url).HasMaxLength(500);
        report.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        report.Property(r => r.Regime).HasMaxLength(100);
        report.Property(r => r.CreatedBy).HasMaxLength(200);
        report.Property(r => r.PublishedBy).HasMaxLength(200);
        report.HasIndex(r => r.CommitteeBodyId);
    }
}
