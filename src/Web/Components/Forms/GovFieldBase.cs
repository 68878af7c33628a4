using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Concordat.Web.Components.Forms;

/// <summary>
/// A form field in the Design System's pattern: a label, an optional hint, the service's error message for this field
/// (from the form's <see cref="ServiceProblem"/>, which <see cref="GovForm{TModel}"/> cascades), and the control.
/// <see cref="Field"/> is both the control's id and the API member it stands for, so the error summary's link for
/// <c>title</c> lands on the field the service refused. Posted values bind back to the model
/// (<c>[SupplyParameterFromForm]</c>), so a refused form shows what was typed.
/// </summary>
public abstract class GovFieldBase<TValue> : InputBase<TValue>
{
    /// <summary>The control's id and the API member it stands for, as the JSON names it (<c>dueOn</c>, <c>allocations[0].amount</c>).</summary>
    [Parameter, EditorRequired]
    public string Field { get; set; } = "";

    /// <summary>What the field asks for, shown as its label (or its fieldset's legend).</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    /// <summary>Help shown under the label and read with the field (<c>aria-describedby</c>).</summary>
    [Parameter]
    public string? Hint { get; set; }

    /// <summary>What the service refused in this request, cascaded by the form.</summary>
    [CascadingParameter]
    public ServiceProblem? Problem { get; set; }

    /// <summary>The service's messages for this field: none when it took the form or refused something else.</summary>
    protected IReadOnlyList<string> Errors => Problem?.ErrorsFor(Field) ?? [];

    protected bool HasError => Errors.Count > 0;

    /// <summary>The hint's and the error's ids, for the control's <c>aria-describedby</c>; null when there is neither.</summary>
    protected string? DescribedBy =>
        string.Join(' ', new[] { Hint is { Length: > 0 } ? Field + "-hint" : null, HasError ? Field + "-error" : null }.OfType<string>()) is { Length: > 0 } ids
            ? ids : null;

    /// <summary>The form-group's classes, marked in error when the service refused this field.</summary>
    protected string GroupClass => HasError ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";

    /// <summary>The name the value posts under, which binds it back to the model.</summary>
    protected string Name => NameAttributeValue;

    protected override bool TryParseValueFromString(string? value, [MaybeNullWhen(false)] out TValue result, [NotNullWhen(false)] out string? validationErrorMessage) =>
        throw new NotSupportedException("Static forms post their values; they are never parsed from a change event.");
}
