using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Concordat.Scrutiny.WorkProgramme;

/// <summary>Where a topic stands in a committee's work programme.</summary>
public enum TopicStatus
{
    /// <summary>Being considered: a draft, seen only by the committee (and administrators).</summary>
    Proposed,

    /// <summary>On the work programme and public; checked against other committees' open work for duplication.</summary>
    Open,

    /// <summary>Finished with; stays public.</summary>
    Closed,
}

/// <summary>
/// A topic of a committee's work programme: a title, its themes, the councils' areas it looks at (registry organisation
/// ids; a committee's area is the union of its topics' areas), the partner bodies and organisations in scope, and a status.
/// </summary>
public sealed class Topic : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int DescriptionMaxLength = 4000;
    public const int ThemeMaxLength = 100;
    public const int MaxListed = 50;

    private Topic()
    {
    }

    public Guid CommitteeBodyId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public List<string> Themes { get; private set; } = [];

    public List<Guid> Areas { get; private set; } = [];

    public List<Guid> BodiesInScope { get; private set; } = [];

    public List<Guid> OrganisationsInScope { get; private set; } = [];

    public TopicStatus Status { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>Title and description as English lexemes (a stored generated column, GIN-indexed), for the duplication check.</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    public bool IsDraft => Status == TopicStatus.Proposed;

    public static Topic Add(Guid committee, TopicDetails details, TopicStatus status, string by, DateTimeOffset now)
    {
        var topic = new Topic { Id = Guid.CreateVersion7(), CreatedAt = now, CommitteeBodyId = committee, Status = status, CreatedBy = by };
        topic.Describe(details);
        topic.Touch(now);
        return topic;
    }

    /// <summary>Moves the topic on (proposed → open → closed); null when allowed, else the rule it breaks.</summary>
    public RuleViolation? MoveTo(TopicStatus status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return null;
        }

        if (status < Status)
        {
            return new RuleViolation("topic-status-backwards", $"A topic moves from proposed to open to closed; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = status;
        Touch(now);
        return null;
    }

    private void Describe(TopicDetails details)
    {
        Title = details.Title.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Themes = [.. details.Themes.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()];
        Areas = [.. details.Areas.Distinct()];
        BodiesInScope = [.. details.BodiesInScope.Distinct()];
        OrganisationsInScope = [.. details.OrganisationsInScope.Distinct()];
    }
}

/// <summary>What a topic is about and where.</summary>
public sealed record TopicDetails(string Title, string? Description, IReadOnlyList<string> Themes, IReadOnlyList<Guid> Areas, IReadOnlyList<Guid> BodiesInScope, IReadOnlyList<Guid> OrganisationsInScope);

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> topic)
    {
        topic.ToTable("topics");
        topic.ConfigureRecord();
        topic.Ignore(t => t.IsDraft);
        topic.Property(t => t.Title).HasMaxLength(Topic.TitleMaxLength);
        topic.Property(t => t.Description).HasMaxLength(Topic.DescriptionMaxLength);
        topic.Property(t => t.CreatedBy).HasMaxLength(200);
        topic.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        topic.HasGeneratedTsVectorColumn(t => t.SearchVector, "english", t => new { t.Title, t.Description }).HasIndex(t => t.SearchVector).HasMethod("gin");
        topic.HasIndex(t => t.CommitteeBodyId);
        // The duplication check looks for open work sharing an area or a theme (&&, GIN).
        topic.HasIndex(t => t.Areas).HasMethod("gin");
        topic.HasIndex(t => t.Themes).HasMethod("gin");
    }
}
