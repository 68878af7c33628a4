namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A scrutiny committee opened an inquiry on a topic of its work programme, with its terms of reference. Partners and
/// other committees hear what is being looked into, and where. Subject: <c>inquiries/{inquiryId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.inquiry.opened.v1")]
public sealed record InquiryOpened : IntegrationEvent
{
    public required Guid InquiryId { get; init; }

    /// <summary>The work programme topic it looks into.</summary>
    public required Guid TopicId { get; init; }

    /// <summary>The committee: a registry body with the <c>scrutiny</c> role.</summary>
    public required Guid CommitteeBodyId { get; init; }

    public required string Title { get; init; }

    public required string TermsOfReference { get; init; }

    /// <summary>The topic's themes (<c>economy</c>, <c>health</c>).</summary>
    public required IReadOnlyList<string> Themes { get; init; }

    /// <summary>The councils' areas it looks at, as registry organisation ids (the topic's).</summary>
    public required IReadOnlyList<Guid> Areas { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Who opened it, as their token or the committee's memberships named them.</summary>
    public required string OpenedBy { get; init; }
}
