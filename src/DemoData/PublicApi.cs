using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.DemoData;

/// <summary>A step of the demo the platform refused: what was asked, and the problem it answered.</summary>
public sealed class DemoStepFailedException(string step, HttpStatusCode status, string body)
    : Exception($"{step}: {(int)status} {status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>What a call answered: its JSON body and, for a record, its version (ETag) for the next conditional change.</summary>
public sealed record Answer(JsonElement Body, string? ETag)
{
    public Guid Id => Body.GetProperty("id").GetGuid();
}

/// <summary>
/// The platform's public API through the gateway, called as a demo person would call it: each with a bearer token for
/// their own sign-in subject (<see cref="DemoIds.Subject"/>), so access is checked against their memberships exactly as
/// for anyone else. A refusal stops the demo with the problem the platform gave.
/// </summary>
public sealed class PublicApi(HttpClient gateway, Func<string, string> tokenFor)
{
    /// <summary>Reads <paramref name="path"/> anonymously, as the public does; null on 404.</summary>
    public async Task<JsonElement?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await gateway.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return (await AnswerAsync($"GET {path}", response, cancellationToken)).Body;
    }

    /// <summary>Reads <paramref name="path"/> as <paramref name="person"/> (a demo person's key).</summary>
    public async Task<Answer> ReadAsAsync(string person, string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, person, etag: null, body: null);
        using var response = await gateway.SendAsync(request, cancellationToken);
        return await AnswerAsync($"GET {path} as {person}", response, cancellationToken);
    }

    /// <summary>Sends a change as <paramref name="person"/>, with <c>If-Match</c> when <paramref name="etag"/> is given.</summary>
    public async Task<Answer> SendAsync(string person, HttpMethod method, string path, object body, string? etag, CancellationToken cancellationToken)
    {
        using var request = Request(method, path, person, etag, body);
        using var response = await gateway.SendAsync(request, cancellationToken);
        return await AnswerAsync($"{method} {path} as {person}", response, cancellationToken);
    }

    public Task<Answer> PostAsync(string person, string path, object body, CancellationToken cancellationToken, string? etag = null) =>
        SendAsync(person, HttpMethod.Post, path, body, etag, cancellationToken);

    private HttpRequestMessage Request(HttpMethod method, string path, string person, string? etag, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenFor(DemoIds.Subject(person)));
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<Answer> AnswerAsync(string step, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoStepFailedException(step, response.StatusCode, text);
        }

        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return new Answer(document.RootElement.Clone(), response.Headers.ETag?.ToString());
    }
}
