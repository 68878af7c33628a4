namespace Concordat.Cycle.Decisions;

/// <summary>The call-in window (configuration <c>Cycle:CallIn</c>).</summary>
public sealed class CallInOptions
{
    public const string Section = "Cycle:CallIn";

    /// <summary>England and Wales working days after publication during which scrutiny may call a decision in.</summary>
    public int WorkingDays { get; set; } = 5;
}
