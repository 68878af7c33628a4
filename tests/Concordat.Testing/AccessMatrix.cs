using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Concordat.Testing;

/// <summary>What each kind of caller should get from an endpoint of an access matrix: a 2xx (allowed) or a refusal's status.</summary>
public sealed record Expectation<TCaller>(string Name, IReadOnlyDictionary<TCaller, int> Statuses)
    where TCaller : struct, Enum
{
    public bool Allows(TCaller caller) => Statuses[caller] == Expectation.Allowed;

    public override string ToString() => Name;
}

/// <summary>Makes <see cref="Expectation{TCaller}"/>s.</summary>
public static class Expectation
{
    /// <summary>Stands for any 2xx.</summary>
    public const int Allowed = 200;

    /// <summary>An expectation named as the matrix's rows say it, with each caller's status.</summary>
    public static Expectation<TCaller> Where<TCaller>(string name, Func<TCaller, int> status)
        where TCaller : struct, Enum =>
        new(name, Enum.GetValues<TCaller>().ToDictionary(c => c, status));
}

/// <summary>
/// The checks every service's access matrix makes (every endpoint × every kind of caller, against the real service),
/// so each test project keeps only its callers, its rows and its scene: each caller gets what the row expects, a
/// refusal is a problem that says what was needed, every mapped endpoint declares its access and has a row, and each
/// row expects what its endpoint declares.
/// </summary>
public static class AccessMatrix
{
    /// <summary>Sends the row's request as each caller (a new request each time) and fails listing every caller answered otherwise.</summary>
    public static async Task AssertEachCallerAsync<TCaller>(
        string row, Expectation<TCaller> expect, Func<TCaller, HttpClient> clientFor, Func<Task<HttpRequestMessage>> request)
        where TCaller : struct, Enum
    {
        var wrong = new List<string>();
        foreach (var caller in Enum.GetValues<TCaller>())
        {
            using var message = await request();
            using var response = await clientFor(caller).SendAsync(message);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (expect.Allows(caller) ? status is < 200 or > 299 : status != expect.Statuses[caller])
            {
                wrong.Add($"{caller}: expected {(expect.Allows(caller) ? "2xx" : expect.Statuses[caller])}, got {status} {body[..Math.Min(body.Length, 300)]}");
            }
            else if (status is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{caller}: a {status} must be a problem (application/problem+json), got '{response.Content.Headers.ContentType}'");
            }
            else if (status is 401 or 403 && string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()))
            {
                wrong.Add($"{caller}: a {status} must say in its detail what was needed, got {body}");
            }
        }

        Assert.True(wrong.Count == 0, $"{row} ({expect}):\n{string.Join("\n", wrong)}");
    }

    /// <summary>
    /// Every endpoint the service maps, as <c>METHOD route</c>, with the access it declares (the endpoint's
    /// <typeparamref name="TPolicy"/> metadata, <c>AccessPolicy</c>; null: none).
    /// </summary>
    public static Dictionary<string, TPolicy?> Declared<TPolicy>(IServiceProvider services)
        where TPolicy : class =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Policy: e.Metadata.GetMetadata<TPolicy>())))
            .ToDictionary(e => e.Key, e => e.Policy);

    /// <summary>Every endpoint declares its access and has a row (<paramref name="rows"/> as <c>METHOD route</c>); no row outlives its endpoint.</summary>
    public static void AssertEveryEndpointHasARow<TPolicy>(IReadOnlyDictionary<string, TPolicy?> declared, IEnumerable<string> rows)
        where TPolicy : class
    {
        var inMatrix = rows.ToHashSet();
        var undeclared = declared.Where(e => e.Value is null).Select(e => e.Key).ToList();
        var missing = declared.Keys.Where(k => !inMatrix.Contains(k)).ToList();
        var stale = inMatrix.Except(declared.Keys).ToList();

        Assert.True(undeclared.Count == 0, "No access declared (add .Public(), .RequireRoles(...) or .RequireBodyRole(...)):\n" + string.Join("\n", undeclared));
        Assert.True(missing.Count == 0, "Not in the access matrix (add a row to AccessMatrixTests.Rows):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "In the matrix but no longer mapped:\n" + string.Join("\n", stale));
    }

    /// <summary>Each row's expectation is the access its endpoint declares, by <paramref name="matches"/> (expectation name ↔ policy).</summary>
    public static void AssertRowsExpectWhatIsDeclared<TCaller, TPolicy>(
        IReadOnlyDictionary<string, TPolicy?> declared, IEnumerable<(string Row, Expectation<TCaller> Expect)> rows, Func<string, TPolicy?, bool> matches)
        where TCaller : struct, Enum
        where TPolicy : class
    {
        var mismatched = rows.Where(r => declared.TryGetValue(r.Row, out var policy) && !matches(r.Expect.Name, policy))
            .Select(r => $"{r.Row}: matrix says {r.Expect}, endpoint declares {declared[r.Row]}").ToList();

        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched));
    }
}
