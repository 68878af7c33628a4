namespace Concordat.Web.Components.Forms;

/// <summary>One choice of a select, radios or checkboxes: the value posted, what the person reads, and an optional hint.</summary>
public sealed record Choice(string Value, string Text, string? Hint = null);
