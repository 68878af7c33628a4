using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Meetings;

/// <summary>An ordinary meeting, or one called specially (the body's standing orders say who may call it).</summary>
public enum MeetingKind
{
    Ordinary,
    Special,
}

/// <summary>A paper for an agenda item: who wrote it (a registry organisation) and where it is read.</summary>
public sealed class AgendaPaper
{
    public string Title { get; set; } = "";

    public Guid AuthorOrganisationId { get; set; }

    public string Link { get; set; } = "";
}

/// <summary>What the meeting resolved on an item, and the messages partners should take from it.</summary>
public sealed class ItemMinutes
{
    public string Outcome { get; set; } = "";

    public string? KeyMessages { get; set; }
}

/// <summary>One item of business: an issue, a proposal, a referral's responses, or other business, with its papers.</summary>
public sealed class AgendaItem
{
    public const string Issue = "issue";
    public const string ReferralResponses = "referral_responses";
    public const string OtherBusiness = "other_business";

    /// <summary>A proposal put to the body: added by placing the proposal for the meeting, not by hand.</summary>
    public const string Proposal = "proposal";

    /// <summary>The kinds a clerk adds by hand.</summary>
    public static readonly string[] Kinds = [Issue, ReferralResponses, OtherBusiness];

    public Guid Id { get; set; }

    /// <summary><c>issue</c>, <c>proposal</c>, <c>referral_responses</c> or <c>other_business</c> (kept as the wire names them).</summary>
    public string Kind { get; set; } = OtherBusiness;

    public Guid? IssueId { get; set; }

    /// <summary>The proposal a <c>proposal</c> item puts to the meeting.</summary>
    public Guid? ProposalId { get; set; }

    public string Title { get; set; } = "";

    public List<AgendaPaper> Papers { get; set; } = [];

    /// <summary>Recorded after the meeting; private to the bodies until the minutes are published.</summary>
    public ItemMinutes? Minutes { get; set; }
}

/// <summary>
/// A meeting of one body, or of several meeting jointly, with its agenda. The agenda is private to the bodies' clerks,
/// chairs and members (and administrators) until published; after that the meeting and its agenda are public. A
/// versioned record, so adding items and publishing need the version read.
/// </summary>
public sealed class Meeting : VersionedRecord
{
    public const int PlaceMaxLength = 300;
    public const int TitleMaxLength = 300;
    public const int LinkMaxLength = 2000;
    public const int MaxBodies = 10;
    public const int MaxItems = 100;
    public const int MaxPapers = 30;

    private Meeting()
    {
    }

    /// <summary>The bodies meeting: one, or several for a joint meeting.</summary>
    public List<Guid> BodyIds { get; private set; } = [];

    /// <summary>When it starts, in UTC; shown in UK time.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public string Place { get; private set; } = "";

    public MeetingKind Kind { get; private set; }

    public List<AgendaItem> Items { get; private set; } = [];

    public DateTimeOffset? AgendaPublishedAt { get; private set; }

    public bool IsPublished => AgendaPublishedAt is not null;

    public DateTimeOffset? MinutesPublishedAt { get; private set; }

    public const int OutcomeMaxLength = 4000;
    public const int KeyMessagesMaxLength = 8000;

    /// <summary>Records (or corrects) an item's minutes: only on a published agenda, and only before the minutes are published.</summary>
    public RuleViolation? Minute(Guid itemId, string outcome, string? keyMessages, DateTimeOffset now)
    {
        if (!IsPublished)
        {
            return new RuleViolation("agenda-not-published", "Minutes are recorded against a published agenda.");
        }

        if (MinutesPublishedAt is not null)
        {
            return new RuleViolation("minutes-already-published", "The minutes are published; published minutes are not changed.");
        }

        if (Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return new RuleViolation("agenda-item-unknown", $"The agenda has no item {itemId}.");
        }

        item.Minutes = new ItemMinutes { Outcome = outcome.Trim(), KeyMessages = string.IsNullOrWhiteSpace(keyMessages) ? null : keyMessages.Trim() };
        Touch(now);
        return null;
    }

    /// <summary>Publishes the minutes, once every item has its outcome recorded.</summary>
    public RuleViolation? PublishMinutes(DateTimeOffset now)
    {
        if (MinutesPublishedAt is not null)
        {
            return new RuleViolation("minutes-already-published", "The minutes are already published.");
        }

        if (!IsPublished || Items.Any(i => i.Minutes is null))
        {
            return new RuleViolation("minutes-incomplete", "Every item of the published agenda needs its outcome minuted before the minutes are published.");
        }

        MinutesPublishedAt = now;
        Touch(now);
        return null;
    }

    public static Meeting Schedule(IEnumerable<Guid> bodies, DateTimeOffset startsAt, string place, MeetingKind kind, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        BodyIds = [.. bodies.Distinct()],
        StartsAt = startsAt.ToUniversalTime(),
        Place = place.Trim(),
        Kind = kind,
    };

    /// <summary>Adds an item to the agenda; a published agenda is not changed (a supplementary agenda would be a new feature).</summary>
    public (AgendaItem? Item, RuleViolation? Violation) Add(string kind, Guid? issueId, string title, IEnumerable<AgendaPaper> papers, DateTimeOffset now)
    {
        if (IsPublished)
        {
            return (null, new RuleViolation("agenda-already-published", "The agenda is published; a published agenda is not changed."));
        }

        if (Items.Count >= MaxItems)
        {
            return (null, new RuleViolation("agenda-full", $"An agenda has at most {MaxItems} items."));
        }

        var item = new AgendaItem { Id = Guid.CreateVersion7(now), Kind = kind, IssueId = issueId, Title = title.Trim(), Papers = [.. papers] };
        Items.Add(item);
        Touch(now);
        return (item, null);
    }

    /// <summary>Adds the item that puts a proposal (on an issue) to the meeting; as <see cref="Add"/>, only to a draft agenda.</summary>
    public (AgendaItem? Item, RuleViolation? Violation) AddProposal(Guid proposalId, Guid issueId, string title, DateTimeOffset now)
    {
        var (item, violation) = Add(AgendaItem.Proposal, issueId, title, [], now);
        if (item is not null)
        {
            item.ProposalId = proposalId;
        }

        return (item, violation);
    }

    /// <summary>Publishes the agenda, once, and only with business on it.</summary>
    public RuleViolation? PublishAgenda(DateTimeOffset now)
    {
        if (IsPublished)
        {
            return new RuleViolation("agenda-already-published", "The agenda is already published.");
        }

        if (Items.Count == 0)
        {
            return new RuleViolation("agenda-empty", "An agenda with no items is not published; add the business first.");
        }

        AgendaPublishedAt = now;
        Touch(now);
        return null;
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.ToTable("meetings");
        meeting.ConfigureRecord();
        meeting.Ignore(m => m.IsPublished);
        meeting.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        meeting.Property(m => m.Place).HasMaxLength(Meeting.PlaceMaxLength);
        meeting.OwnsMany(m => m.Items, i =>
        {
            i.ToJson("agenda");
            i.OwnsMany(x => x.Papers);
            i.OwnsOne(x => x.Minutes);
        });
        // A body's feed reads its meetings by start (GIN on the bodies).
        meeting.HasIndex(m => m.BodyIds).HasMethod("gin");
        meeting.HasIndex(m => m.StartsAt);
    }
}
