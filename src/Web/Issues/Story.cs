using Concordat.Web.Apis;
using Concordat.Web.Components;

namespace Concordat.Web.Issues;

/// <summary>
/// An issue's timeline as a story: each entry as a sentence saying who held it, what they decided and what happened,
/// with the bodies named (from the registry) rather than by id.
/// </summary>
public static class Story
{
    /// <summary>The sentence for one entry; <paramref name="names"/> gives a body's name from its id.</summary>
    public static string Headline(TimelineItem entry, Func<Guid, string> names)
    {
        var to = Bodies(entry.ToHolders, names);
        var from = Bodies(entry.FromHolders, names);
        var bodies = Bodies(entry.Bodies, names);
        return entry.Kind switch
        {
            "raised" => $"Raised for {Or(to, "its holders")}{Stage(entry.ToStage, " in ")}",
            "moved" => $"Moved from {Words.Lower(entry.FromStage)}{Holder(from)} to {Words.Lower(entry.ToStage)}{Holder(to)}",
            "closed" => "Closed",
            "referral_made" => $"Referred to {Or(bodies, "other bodies")} for their views",
            "referral_answered" => $"{Or(bodies, "A body")} answered the referral",
            "referral_synthesised" => $"{Or(bodies, "The holder")} brought the responses together",
            "decision_taken" => $"{Or(bodies, "The holder")} took a decision",
            "decision_published" => $"{Or(bodies, "The holder")} published its decision",
            "decision_called_in" => "The decision was called in by scrutiny",
            "call_in_refused" => "A call-in of the decision was refused",
            "call_in_resolved" => "The call-in was resolved",
            "decision_took_effect" => "The decision took effect",
            "agenda_appearance" => $"On the published agenda of {Or(bodies, "a meeting")}",
            "task_group_registered" => $"{Or(bodies, "A task group")} was set up to lead its implementation",
            "proposal_put" => $"A proposal was put{(entry.Bodies.Count > 1 ? $" to {names(entry.Bodies[^1])}" : "")}",
            "proposal_placed" => $"The proposal was placed for a meeting{(bodies.Length > 0 ? $" of {bodies}" : "")}",
            "delivery_plan_started" => "A delivery plan was started",
            "monitoring_report_issued" => $"{Or(bodies, "The lead body")} issued a monitoring report",
            "evaluation_completed" => "An evaluation was completed",
            "follow_up_raised" => "A follow-up issue was raised",
            var other => Words.Sentence(other),
        };
    }

    /// <summary>Several bodies' names as a sentence: "A, B and C".</summary>
    public static string Bodies(IReadOnlyList<Guid> ids, Func<Guid, string> names)
    {
        var all = ids.Distinct().Select(names).ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            _ => string.Join(", ", all[..^1]) + " and " + all[^1],
        };
    }

    private static string Or(string text, string otherwise) => text.Length > 0 ? text : otherwise;

    private static string Holder(string bodies) => bodies.Length > 0 ? $" with {bodies}" : "";

    private static string Stage(string? stage, string prefix) => stage is { Length: > 0 } ? prefix + Words.Lower(stage) : "";
}
