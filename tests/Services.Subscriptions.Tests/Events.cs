using Concordat.Contracts.Cycle;

namespace Concordat.Subscriptions.Tests;

/// <summary>Public events as their producers would publish them.</summary>
public static class Events
{
    public static DecisionPublished Decision(Guid bodyId, Guid? issueId = null, DateTimeOffset? at = null)
    {
        var id = Guid.CreateVersion7();
        var now = at ?? DateTimeOffset.UtcNow;
        return new DecisionPublished
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/cycle"),
            InstanceId = "glos",
            OccurredAt = now,
            Subject = $"decisions/{id}",
            DecisionId = id,
            IssueId = issueId ?? Guid.CreateVersion7(),
            BodyId = bodyId,
            Outcome = "approved",
            Summary = "The action plan is approved.",
            Allocations = [],
            Urgent = false,
            PublishedAt = now,
            CallInEndsAt = now.AddDays(5),
            Url = new Uri($"http://glos.test/decisions/{id}"),
            PublishedBy = "Jane Clerk",
        };
    }

    public static IssueRaised Issue(Guid bodyId, Guid area, string theme) => new()
    {
        EventId = Guid.CreateVersion7(),
        Source = new Uri("http://glos.test/cycle"),
        InstanceId = "glos",
        OccurredAt = DateTimeOffset.UtcNow,
        Subject = "issues/x",
        IssueId = Guid.CreateVersion7(),
        Title = "Rising truancy",
        Kind = "emergent_strategy",
        Stage = "deliberation",
        Holders = [bodyId],
        Themes = [theme],
        Areas = [area],
        RaisedBy = "Jane Clerk",
    };
}
