using Microsoft.AspNetCore.Components;

namespace Concordat.Web.Components;

/// <summary>Links to a place on the page being shown.</summary>
public static class Anchors
{
    /// <summary>
    /// <c>#id</c> on this page, written with the page's own path and query: the document's <c>&lt;base href="/"&gt;</c>
    /// (which Blazor's enhanced navigation needs) would otherwise send a bare <c>#id</c> to the home page.
    /// </summary>
    public static string To(this NavigationManager navigation, string id)
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        var fragment = here.IndexOf('#', StringComparison.Ordinal);
        return "/" + (fragment < 0 ? here : here[..fragment]) + "#" + id;
    }
}
