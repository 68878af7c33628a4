using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Concordat.Scrutiny.Inquiries;

/// <summary>A witness at an evidence session and the organisation they come from (a registry organisation, or a name).</summary>
public sealed class Witness
{
    public string Name { get; set; } = "";

    /// <summary>What they are (<c>Chief Executive</c>), as they gave it.</summary>
    public string? Role { get; set; }

    public Guid? OrganisationId { get; set; }

    public string? OrganisationName { get; set; }
}

/// <summary>An evidence session of an inquiry: the meeting that held it and the witnesses heard.</summary>
public sealed class EvidenceSession
{
    public Guid Id { get; set; }

    /// <summary>The meeting, as the clerk names it (free text until scrutiny records meetings).</summary>
    public string Meeting { get; set; } = "";

    public DateOnly HeldOn { get; set; }

    public List<Witness> Witnesses { get; set; } = [];
}

/// <summary>What an item of evidence is.</summary>
public enum EvidenceKind
{
    Document,
    Link,
}

/// <summary>Evidence an inquiry received: a document or a link, from whom, when.</summary>
public sealed class EvidenceItem
{
    public Guid Id { get; set; }

    public EvidenceKind Kind { get; set; }

    public string Title { get; set; } = "";

    public Uri Url { get; set; } = null!;

    public DateOnly ReceivedOn { get; set; }

    public Guid? FromOrganisationId { get; set; }
}

/// <summary>One line of an inquiry's timeline: what happened, when, by whom.</summary>
public sealed class InquiryEvent
{
    public DateTimeOffset At { get; set; }

    /// <summary><c>opened</c>, <c>evidence_session</c>, <c>evidence_received</c>.</summary>
    public string What { get; set; } = "";

    public string Note { get; set; } = "";

    public string By { get; set; } = "";
}

/// <summary>
/// An inquiry a committee opened on a topic of its work programme: its terms of reference, evidence sessions with their
/// witnesses, the evidence received and its timeline. Public once opened (a committee works on a topic in the open);
/// <c>InquiryOpened</c> is written to the outbox with it.
/// </summary>
public sealed class Inquiry : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int TermsMaxLength = 8000;
    public const int NoteMaxLength = 300;
    public const int MaxSessions = 100;
    public const int MaxEvidence = 500;

    private Inquiry()
    {
    }

    public Guid TopicId { get; private set; }

    public Guid CommitteeBodyId { get; private set; }

    public string Title { get; private set; } = "";

    public string TermsOfReference { get; private set; } = "";

    /// <summary>The topic's themes and areas as the inquiry opened, so the duplication check reads its own row.</summary>
    public List<string> Themes { get; private set; } = [];

    public List<Guid> Areas { get; private set; } = [];

    public DateTimeOffset OpenedAt { get; private set; }

    public string OpenedBy { get; private set; } = "";

    public DateTimeOffset? ClosedAt { get; private set; }

    public List<EvidenceSession> Sessions { get; private set; } = [];

    public List<EvidenceItem> Evidence { get; private set; } = [];

    public List<InquiryEvent> Timeline { get; private set; } = [];

    /// <summary>Title and terms of reference as English lexemes (a stored generated column, GIN-indexed).</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    /// <summary>Opens an inquiry on <paramref name="topic"/>: only on an open topic of the committee's work programme.</summary>
    public static (Inquiry? Inquiry, RuleViolation? Violation) Open(Topic topic, string title, string termsOfReference, string by, DateTimeOffset now)
    {
        if (topic.Status != TopicStatus.Open)
        {
            return (null, new RuleViolation("topic-not-open", $"An inquiry is opened on an open topic; this one is {topic.Status.ToString().ToLowerInvariant()}."));
        }

        var inquiry = new Inquiry
        {
            Id = Guid.CreateVersion7(), CreatedAt = now, TopicId = topic.Id, CommitteeBodyId = topic.CommitteeBodyId,
            Title = title.Trim(), TermsOfReference = termsOfReference.Trim(), Themes = [.. topic.Themes], Areas = [.. topic.Areas],
            OpenedAt = now, OpenedBy = by,
        };
        inquiry.Timeline.Add(new InquiryEvent { At = now, What = "opened", Note = inquiry.Title, By = by });
        inquiry.Touch(now);
        inquiry.Raise(new InquiryOpened
        {
            Subject = $"inquiries/{inquiry.Id}", InquiryId = inquiry.Id, TopicId = topic.Id, CommitteeBodyId = inquiry.CommitteeBodyId,
            Title = inquiry.Title, TermsOfReference = inquiry.TermsOfReference, Themes = inquiry.Themes, Areas = inquiry.Areas, OpenedAt = now, OpenedBy = by,
        });
        return (inquiry, null);
    }

    public RuleViolation? AddSession(EvidenceSession session, string by, DateTimeOffset now)
    {
        if (Sessions.Count >= MaxSessions)
        {
            return new RuleViolation("inquiry-full", $"An inquiry holds at most {MaxSessions} evidence sessions.");
        }

        session.Id = Guid.CreateVersion7();
        Sessions.Add(session);
        Timeline.Add(new InquiryEvent { At = now, What = "evidence_session", Note = $"{session.Meeting} ({session.HeldOn:yyyy-MM-dd}): {session.Witnesses.Count} witness(es)", By = by });
        Touch(now);
        return null;
    }

    public RuleViolation? Receive(EvidenceItem item, string by, DateTimeOffset now)
    {
        if (Evidence.Count >= MaxEvidence)
        {
            return new RuleViolation("inquiry-full", $"An inquiry holds at most {MaxEvidence} items of evidence.");
        }

        item.Id = Guid.CreateVersion7();
        Evidence.Add(item);
        Timeline.Add(new InquiryEvent { At = now, What = "evidence_received", Note = item.Title.Length > NoteMaxLength ? item.Title[..NoteMaxLength] : item.Title, By = by });
        Touch(now);
        return null;
    }
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> inquiry)
    {
        inquiry.ToTable("inquiries");
        inquiry.ConfigureRecord();
        inquiry.Property(i => i.Title).HasMaxLength(Inquiry.TitleMaxLength);
        inquiry.Property(i => i.TermsOfReference).HasMaxLength(Inquiry.TermsMaxLength);
        inquiry.Property(i => i.OpenedBy).HasMaxLength(200);
        inquiry.OwnsMany(i => i.Sessions, s =>
        {
            s.ToJson("sessions");
            s.OwnsMany(x => x.Witnesses);
        });
        inquiry.OwnsMany(i => i.Evidence, e =>
        {
            e.ToJson("evidence");
            e.Property(x => x.Kind).HasConversion<string>();
        });
        inquiry.OwnsMany(i => i.Timeline, t => t.ToJson("timeline"));
        inquiry.HasGeneratedTsVectorColumn(i => i.SearchVector, "english", i => new { i.Title, i.TermsOfReference }).HasIndex(i => i.SearchVector).HasMethod("gin");
        inquiry.HasIndex(i => i.CommitteeBodyId);
        inquiry.HasIndex(i => i.TopicId);
        inquiry.HasIndex(i => i.Areas).HasMethod("gin");
        inquiry.HasIndex(i => i.Themes).HasMethod("gin");
    }
}
