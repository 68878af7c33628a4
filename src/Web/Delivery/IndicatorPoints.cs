using Concordat.Web.Apis;

namespace Concordat.Web.Delivery;

/// <summary>The rows of an indicator's table: the cycle's trajectory when it was read, else the periods of its targets and actuals.</summary>
public static class IndicatorPoints
{
    public static IReadOnlyList<TrajectoryPointView> Of(Indicator indicator, IndicatorTrajectory? trajectory)
    {
        if (trajectory is not null)
        {
            return [.. trajectory.Points.Select(p => new TrajectoryPointView(p.Period, p.Target, p.Actual, p.OnTrajectory))];
        }

        // Without the cycle's reading (a monitoring report's snapshot), show the figures and leave the judgement out.
        var periods = indicator.Targets.Select(t => t.Period).Concat(indicator.Actuals.Select(a => a.Period)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. periods.Select(period => new TrajectoryPointView(
            period,
            indicator.Targets.FirstOrDefault(t => t.Period == period)?.Value,
            indicator.Actuals.FirstOrDefault(a => a.Period == period)?.Value,
            null))];
    }
}
