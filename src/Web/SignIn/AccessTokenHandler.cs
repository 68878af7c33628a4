using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace Concordat.Web.SignIn;

/// <summary>
/// Sends the signed-in person's access token (kept in their cookie) as the bearer token of every call to a service,
/// so the service decides what they may see and do; a person who is not signed in calls anonymously.
/// </summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { User.Identity.IsAuthenticated: true } context
            && await context.GetTokenAsync(SignInExtensions.CookieScheme, "access_token") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
