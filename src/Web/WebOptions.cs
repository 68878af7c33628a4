namespace Concordat.Web;

/// <summary>Section <c>Web</c>: what the pages say about who runs them.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The service's name, in the header and every page title.</summary>
    public const string ServiceName = "Concordat";

    /// <summary><c>Web:CouncilName</c>: the council that runs this instance, shown in the header (empty: none shown).</summary>
    public string CouncilName { get; set; } = "";

    /// <summary>
    /// <c>Web:Phase</c>: the phase banner's tag, e.g. <c>Beta</c>. Empty: <c>Development</c> in the Development
    /// environment, <c>Beta</c> elsewhere.
    /// </summary>
    public string Phase { get; set; } = "";
}
