namespace Concordat.Contracts.Cycle;

/// <summary>
/// A meeting of one body, or a joint meeting of several, was scheduled: partners put it in their diaries. Its agenda
/// is not announced until <see cref="AgendaPublished"/>. Subject: <c>meetings/{meetingId}</c>.
/// </summary>
[EventType("org.concordat.cycle.meeting.scheduled.v1")]
public sealed record MeetingScheduled : IntegrationEvent
{
    public required Guid MeetingId { get; init; }

    /// <summary>The bodies meeting: more than one for a joint meeting.</summary>
    public required IReadOnlyList<Guid> BodyIds { get; init; }

    /// <summary>When it starts (UTC).</summary>
    public required DateTimeOffset StartsAt { get; init; }

    public required string Place { get; init; }

    /// <summary><c>ordinary</c> or <c>special</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Who scheduled it, as the caller's token named them.</summary>
    public required string ScheduledBy { get; init; }
}
