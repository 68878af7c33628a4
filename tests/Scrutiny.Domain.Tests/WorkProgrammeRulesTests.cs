using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Inquiries;
using Concordat.Scrutiny.WorkProgramme;

namespace Concordat.Scrutiny.Domain.Tests;

/// <summary>How a topic moves through a work programme, and when an inquiry may be opened on it.</summary>
public sealed class WorkProgrammeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static Topic Topic(TopicStatus status) =>
        Scrutiny.WorkProgramme.Topic.Add(Guid.CreateVersion7(), new TopicDetails(" Rising truancy ", null, ["Education", "education", " "], [Guid.Empty, Guid.Empty], [], []), status, "Sam", Now);

    [Fact]
    public void A_topic_keeps_its_themes_once_each_in_lower_case()
    {
        var topic = Topic(TopicStatus.Open);

        Assert.Equal("Rising truancy", topic.Title);
        Assert.Equal(["education"], topic.Themes);
        Assert.Single(topic.Areas);
    }

    [Theory]
    [InlineData(TopicStatus.Proposed, TopicStatus.Open, null)]
    [InlineData(TopicStatus.Open, TopicStatus.Closed, null)]
    [InlineData(TopicStatus.Open, TopicStatus.Proposed, "topic-status-backwards")]
    [InlineData(TopicStatus.Closed, TopicStatus.Open, "topic-status-backwards")]
    public void A_topic_moves_from_proposed_to_open_to_closed(TopicStatus from, TopicStatus to, string? rule)
    {
        Assert.Equal(rule, Topic(from).MoveTo(to, Now)?.Rule);
    }

    [Theory]
    [InlineData(TopicStatus.Proposed)]
    [InlineData(TopicStatus.Closed)]
    public void An_inquiry_is_opened_only_on_an_open_topic(TopicStatus status)
    {
        Assert.Equal("topic-not-open", Inquiry.Open(Topic(status), "Truancy", "Why.", "Sam", Now).Violation?.Rule);
    }

    [Fact]
    public void Opening_an_inquiry_announces_it_with_the_topics_themes_and_areas()
    {
        var topic = Topic(TopicStatus.Open);

        var (inquiry, _) = Inquiry.Open(topic, "Truancy in Stroud", "Why truancy is rising.", "Sam", Now);

        var announced = Assert.IsType<InquiryOpened>(Assert.Single(inquiry!.TakeEvents()).Event);
        Assert.Equal((topic.Id, topic.CommitteeBodyId, "Truancy in Stroud"), (announced.TopicId, announced.CommitteeBodyId, announced.Title));
        Assert.Equal(topic.Themes, announced.Themes);
        Assert.Equal("opened", Assert.Single(inquiry.Timeline).What);
    }
}
