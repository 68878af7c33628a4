namespace Concordat.Web.Delivery;

/// <summary>
/// Delivery's wire words as people read them. A RAG rating is always written ("Red", "Amber", "Green", "Not rated"),
/// with the tag's colour as a help, never alone; so is an action's status and an indicator's trajectory.
/// </summary>
public static class DeliveryWords
{
    public static string Rag(string? rag) => rag switch
    {
        "red" => "Red",
        "amber" => "Amber",
        "green" => "Green",
        null or "" => "Not rated",
        _ => Components.Words.Sentence(rag),
    };

    /// <summary>The Design System tag colour that goes with the words.</summary>
    public static string RagTagClass(string? rag) => rag switch
    {
        "red" => "govuk-tag--red",
        "amber" => "govuk-tag--orange",
        "green" => "govuk-tag--green",
        _ => "govuk-tag--grey",
    };

    public static string Status(string? status) => status switch
    {
        "not_started" => "Not started",
        "on_track" => "On track",
        "at_risk" => "At risk",
        "off_track" => "Off track",
        "done" => "Done",
        "dropped" => "Dropped",
        _ => Components.Words.Sentence(status),
    };

    public static string StatusTagClass(string? status) => status switch
    {
        "on_track" => "govuk-tag--green",
        "at_risk" => "govuk-tag--orange",
        "off_track" => "govuk-tag--red",
        "done" => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string Trajectory(string? status) => status switch
    {
        "on_trajectory" => "On trajectory",
        "behind_trajectory" => "Behind trajectory",
        "no_target" => "No target for its latest period",
        "no_actuals" => "No actuals yet",
        _ => Components.Words.Sentence(status),
    };

    public static string TrajectoryTagClass(string? status) => status switch
    {
        "on_trajectory" => "govuk-tag--green",
        "behind_trajectory" => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    /// <summary>One point of a trajectory in words: "On trajectory", "Behind trajectory", or nothing to judge.</summary>
    public static string Point(TrajectoryPointView point) => point switch
    {
        { Actual: null } => "No actual yet",
        { OnTrajectory: true } => "On trajectory",
        { OnTrajectory: false } => "Behind trajectory",
        _ => "No target to judge by",
    };

    public static string Exception(string kind) => kind switch
    {
        "off_track_action" => "Action off track",
        "missed_milestone" => "Milestone missed",
        "indicator_behind_trajectory" => "Indicator behind trajectory",
        "risk_past_review" => "Risk past its review date",
        _ => Components.Words.Sentence(kind),
    };

    /// <summary>"Slipped once", "Slipped 3 times", or "Not slipped".</summary>
    public static string Slips(int slips) => slips switch
    {
        0 => "Not slipped",
        1 => "Slipped once",
        2 => "Slipped twice",
        _ => $"Slipped {slips} times",
    };

    /// <summary>A number as the APIs' unit reads it: "92.2%", "320 people".</summary>
    public static string Value(decimal? value, string unit) => value is not { } v ? "" :
        v.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + (unit is "%" ? "%" : unit.Length > 0 ? " " + unit : "");
}

/// <summary>A trajectory point as the table shows it (the API's point, or one read from the plan when the API is not asked).</summary>
public sealed record TrajectoryPointView(string Period, decimal? Target, decimal? Actual, bool? OnTrajectory);

/// <summary>Today in the UK, as the cycle counts due dates.</summary>
public static class UkToday
{
    public static DateOnly Date(TimeProvider? time = null) => DateOnly.FromDateTime(Components.UkTime.InLondon((time ?? TimeProvider.System).GetUtcNow()).DateTime);
}
