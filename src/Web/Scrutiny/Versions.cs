using Refit;

namespace Concordat.Web.Scrutiny;

/// <summary>What a read says that a later write needs.</summary>
public static class Versions
{
    /// <summary>The ETag of a read, for the If-Match of a later write (carried in a hidden field).</summary>
    public static string? ETag(IApiResponse response) => response.Headers?.ETag?.ToString();
}
