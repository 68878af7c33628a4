using Concordat.Web.Apis;

namespace Concordat.Web.Evaluations;

/// <summary>An evaluation's figures as people read them: intended against achieved, and whether it was, in words.</summary>
public static class EvaluationWords
{
    public static string Achieved(IndicatorAssessment indicator) => indicator.AchievedIntended switch
    {
        true => "Achieved",
        false => "Not achieved",
        null when indicator.Achieved is null => "Nothing achieved recorded",
        null => "No intended figure to judge by",
    };

    public static string AchievedTagClass(IndicatorAssessment indicator) => indicator.AchievedIntended switch
    {
        true => "govuk-tag--green",
        false => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string Value(decimal? value, string? unit) => Delivery.DeliveryWords.Value(value, unit ?? "");
}
