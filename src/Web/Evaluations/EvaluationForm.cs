using System.Globalization;
using Concordat.Web.Apis;
using Concordat.Web.Delivery;

namespace Concordat.Web.Evaluations;

/// <summary>
/// An evaluation's draft as its form holds it: every list shown with one blank row more, so a person adds an objective,
/// a recommendation or a lesson by filling the blank and saving (no script needed); blank rows are left out when sent.
/// </summary>
public sealed class EvaluationForm
{
    public string? Version { get; set; }

    /// <summary>What the pressed button asks: <c>save</c> the draft, or save it and <c>complete</c> it.</summary>
    public string? Then { get; set; }

    public string? Summary { get; set; }

    public string? UnintendedEffects { get; set; }

    public List<IndicatorRow> Indicators { get; set; } = [];

    public List<ObjectiveRow> Objectives { get; set; } = [];

    public List<TextRow> Recommendations { get; set; } = [];

    public List<LessonRow> Lessons { get; set; } = [];

    public static EvaluationForm From(Evaluation evaluation) => new EvaluationForm
    {
        Version = evaluation.Version,
        Summary = evaluation.Summary,
        UnintendedEffects = evaluation.UnintendedEffects,
        Indicators = [.. evaluation.Indicators.Select(i => new IndicatorRow
        {
            PlanId = i.PlanId?.ToString(), IndicatorId = i.IndicatorId?.ToString(), Name = i.Name, Unit = i.Unit, Better = i.Better, Period = i.Period,
            Intended = i.Intended?.ToString(CultureInfo.InvariantCulture), Achieved = i.Achieved?.ToString(CultureInfo.InvariantCulture), Comment = i.Comment,
        })],
        Objectives = [.. evaluation.Objectives.Select(o => new ObjectiveRow { Objective = o.Objective, WhatWorked = o.WhatWorked, WhatDidNot = o.WhatDidNot, Why = o.Why })],
        Recommendations = [.. evaluation.Recommendations.Select(r => new TextRow { Text = r })],
        Lessons = [.. evaluation.Lessons.Select(l => new LessonRow { Statement = l.Statement, Evidence = l.Evidence, Themes = string.Join(", ", l.Themes ?? []) })],
    }.WithBlankRows();

    /// <summary>One blank objective, recommendation and lesson at the end, for the next one.</summary>
    public EvaluationForm WithBlankRows()
    {
        if (Objectives.Count == 0 || !Objectives[^1].IsBlank)
        {
            Objectives.Add(new());
        }

        if (Recommendations.Count == 0 || !string.IsNullOrWhiteSpace(Recommendations[^1].Text))
        {
            Recommendations.Add(new());
        }

        if (Lessons.Count == 0 || !Lessons[^1].IsBlank)
        {
            Lessons.Add(new());
        }

        return this;
    }

    /// <summary>
    /// What the API takes (<c>PUT /evaluations/{id}</c>), blank rows left out; or the fields that cannot be numbers, keyed
    /// as the API keys its own (<c>indicators[0].intended</c>).
    /// </summary>
    public (EvaluationContent? Content, Dictionary<string, string[]> Errors) ToContent()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        decimal? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DeliveryForms.Number(text) is { } n)
            {
                return n;
            }

            errors[field] = ["Enter a number, like 92.4, or leave it empty."];
            return null;
        }

        var indicators = Indicators.Select((i, n) => (Row: i, Index: n)).Where(x => !string.IsNullOrWhiteSpace(x.Row.Name)).Select(x => new IndicatorAssessment(
            DeliveryForms.Id(x.Row.PlanId), DeliveryForms.Id(x.Row.IndicatorId), x.Row.Name!.Trim(), DeliveryForms.Text(x.Row.Unit), DeliveryForms.Text(x.Row.Better),
            DeliveryForms.Text(x.Row.Period), Number(x.Row.Intended, $"indicators[{x.Index}].intended"), Number(x.Row.Achieved, $"indicators[{x.Index}].achieved"),
            null, DeliveryForms.Text(x.Row.Comment))).ToList();
        var content = new EvaluationContent(
            DeliveryForms.Text(Summary),
            indicators,
            [.. Objectives.Where(o => !o.IsBlank).Select(o => new ObjectiveFinding(o.Objective?.Trim() ?? "", DeliveryForms.Text(o.WhatWorked), DeliveryForms.Text(o.WhatDidNot), DeliveryForms.Text(o.Why)))],
            DeliveryForms.Text(UnintendedEffects),
            [.. Recommendations.Select(r => r.Text?.Trim()).OfType<string>().Where(r => r.Length > 0)],
            [.. Lessons.Where(l => !l.IsBlank).Select(l => new LessonDraft(l.Statement?.Trim() ?? "", l.Evidence?.Trim() ?? "", Themes(l.Themes)))]);
        return (errors.Count == 0 ? content : null, errors);
    }

    /// <summary>Themes typed with commas; none given means the (null).</summary>
    public static IReadOnlyList<string>? Themes(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } themes ? themes : null;

    public sealed class IndicatorRow
    {
        public string? PlanId { get; set; }

        public string? IndicatorId { get; set; }

        public string? Name { get; set; }

        public string? Unit { get; set; }

        public string? Better { get; set; }

        public string? Period { get; set; }

        public string? Intended { get; set; }

        public string? Achieved { get; set; }

        public string? Comment { get; set; }
    }

    public sealed class ObjectiveRow
    {
        public string? Objective { get; set; }

        public string? WhatWorked { get; set; }

        public string? WhatDidNot { get; set; }

        public string? Why { get; set; }

        public bool IsBlank => new[] { Objective, WhatWorked, WhatDidNot, Why }.All(string.IsNullOrWhiteSpace);
    }

    public sealed class TextRow
    {
        public string? Text { get; set; }
    }

    public sealed class LessonRow
    {
        public string? Statement { get; set; }

        public string? Evidence { get; set; }

        public string? Themes { get; set; }

        public bool IsBlank => new[] { Statement, Evidence, Themes }.All(string.IsNullOrWhiteSpace);
    }
}
