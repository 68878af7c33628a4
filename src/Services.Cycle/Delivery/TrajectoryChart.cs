using System.Globalization;
using System.Net;
using System.Text;

namespace Concordat.Cycle.Delivery;

/// <summary>
/// A hand-written SVG line chart of an indicator's trajectory (no charting library): targets dashed, actuals solid with
/// points, the baseline as a line, and a <c>title</c> and <c>desc</c> that say in words what the chart shows, for screen readers.
/// </summary>
public static class TrajectoryChart
{
    private const int Width = 640;
    private const int Height = 320;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 50;

    public static string Svg(TrajectoryResponse t)
    {
        var periods = t.Points.Select(p => p.Period).ToList();
        var values = t.Points.SelectMany(p => new[] { p.Target, p.Actual }).OfType<decimal>().Append(t.Baseline).ToList();
        var (min, max) = (values.Min(), values.Max());
        if (min == max)
        {
            (min, max) = (min - 1, max + 1);
        }

        double X(int index) => Left + (periods.Count <= 1 ? (Width - Left - Right) / 2.0 : index * (Width - Left - Right) / (double)(periods.Count - 1));
        double Y(decimal value) => Top + (double)((max - value) / (max - min)) * (Height - Top - Bottom);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        string E(string text) => WebUtility.HtmlEncode(text);

        var status = t.Status switch
        {
            TrajectoryStatus.OnTrajectory => "on trajectory",
            TrajectoryStatus.BehindTrajectory => "behind trajectory",
            TrajectoryStatus.NoTarget => "without a target to compare with",
            _ => "with no actuals yet",
        };
        var title = $"{t.Name}{(t.NationalIndicator is null ? "" : $" ({t.NationalIndicator})")}: {status}";
        var described = string.Join("; ", t.Points.Select(p =>
            $"{p.Period}: target {(p.Target is { } target ? target.ToString(CultureInfo.InvariantCulture) : "none")}, actual {(p.Actual is { } actual ? actual.ToString(CultureInfo.InvariantCulture) : "none")}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"title desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"title\">{E(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"desc\">{E($"Baseline {t.Baseline.ToString(CultureInfo.InvariantCulture)} {t.Unit} on {t.BaselineOn:yyyy-MM-dd}; {(t.Better == BetterDirection.Higher ? "higher" : "lower")} is better. {described}.")}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(Y(t.Baseline))}\" x2=\"{Width - Right}\" y2=\"{N(Y(t.Baseline))}\" stroke=\"#6f777b\" stroke-dasharray=\"2 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{N(Y(t.Baseline) - 4)}\" font-size=\"11\" fill=\"#505a5f\">baseline {E(t.Baseline.ToString(CultureInfo.InvariantCulture))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{Top - 10}\" font-size=\"12\" fill=\"#0b0c0c\">{E(t.Unit)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{N(Y(max) + 4)}\" font-size=\"11\">{E(max.ToString(CultureInfo.InvariantCulture))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{N(Y(min) + 4)}\" font-size=\"11\">{E(min.ToString(CultureInfo.InvariantCulture))}</text>");
        for (var i = 0; i < periods.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{Height - Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\">{E(periods[i])}</text>");
        }

        Line(svg, t.Points.Select((p, i) => (i, p.Target)), "#1d70b8", "6 4", X, Y, N);
        Line(svg, t.Points.Select((p, i) => (i, p.Actual)), "#0b0c0c", null, X, Y, N);
        for (var i = 0; i < t.Points.Count; i++)
        {
            if (t.Points[i].Actual is { } actual)
            {
                var colour = t.Points[i].OnTrajectory == false ? "#d4351c" : "#00703c";
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(actual))}\" r=\"4\" fill=\"{colour}\"/>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 10}\" font-size=\"11\">dashed: target; solid: actual (red point: behind trajectory)</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Line(StringBuilder svg, IEnumerable<(int Index, decimal? Value)> points, string colour, string? dashes,
        Func<int, double> x, Func<decimal, double> y, Func<double, string> n)
    {
        var drawn = points.Where(p => p.Value is not null).Select(p => $"{n(x(p.Index))},{n(y(p.Value!.Value))}").ToList();
        if (drawn.Count == 0)
        {
            return;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashes is null ? "" : $" stroke-dasharray=\"{dashes}\"")} points=\"{string.Join(' ', drawn)}\"/>");
    }
}
