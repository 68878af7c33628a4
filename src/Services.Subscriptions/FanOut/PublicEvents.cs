using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Contracts;
using Concordat.Contracts.Cycle;
using Concordat.Contracts.Registry;
using Concordat.Contracts.Scrutiny;
using Concordat.Subscriptions.Endpoints;

namespace Concordat.Subscriptions.FanOut;

/// <summary>
/// The events partners may subscribe to, and their public form. Membership events are not among them: they name people.
/// The public form drops the envelope (it travels as CloudEvents attributes) and every <c>…By</c> member (the name of
/// whoever did it, as their token gave it), so a partner receives nothing about a person that the public pages do not show.
/// </summary>
public static class PublicEvents
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(BodyRegistered), typeof(BodyChanged), typeof(BodyRolesChanged), typeof(BodyDissolved),
        typeof(IssueRaised), typeof(IssueMoved), typeof(IssueClosed),
        typeof(ReferralMade), typeof(ReferralAnswered), typeof(ReferralOverdue),
        typeof(DecisionPublished), typeof(DecisionTookEffect),
        typeof(MeetingScheduled), typeof(AgendaPublished),
        typeof(DecisionCalledIn), typeof(CallInResolved),
        typeof(EvaluationCompleted), typeof(LessonPublished), typeof(FollowUpRaised),
        typeof(DeliveryPlanStarted), typeof(ActionStatusChanged), typeof(MilestoneSlipped), typeof(IndicatorReported), typeof(MonitoringReportIssued),
    ];

    /// <summary>Each subscribable CloudEvents type.</summary>
    public static readonly IReadOnlyList<string> TypeNames = [.. Types.Select(EventTypeAttribute.Of).Order(StringComparer.Ordinal)];

    /// <summary>The services whose events may be subscribed to by wildcard: <c>org.concordat.cycle.*</c>.</summary>
    public static readonly IReadOnlyList<string> Wildcards = [.. TypeNames.Select(EventFilter.ServiceWildcard).Distinct()];

    private static readonly string[] Envelope = ["eventId", "source", "instanceId", "occurredAt", "subject", "type"];

    /// <summary>The event's data as partners receive it: its members less the envelope and the names of who did it.</summary>
    public static string Data(IntegrationEvent integrationEvent)
    {
        var json = (JsonObject)JsonSerializer.SerializeToNode(integrationEvent, integrationEvent.GetType(), JsonSerializerOptions.Web)!;
        foreach (var name in json.Select(p => p.Key).Where(k => Envelope.Contains(k) || k.EndsWith("By", StringComparison.Ordinal)).ToList())
        {
            json.Remove(name);
        }

        return json.ToJsonString(JsonSerializerOptions.Web);
    }
}
