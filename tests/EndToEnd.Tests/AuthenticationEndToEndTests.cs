using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Concordat.Testing;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The development issuer, end to end: <c>./concordat token</c> prints a token the running gateway and
/// services accept, and the gateway refuses a bad token without forwarding it.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class AuthenticationEndToEndTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_token_from_the_token_command_is_accepted_by_the_gateway_and_the_services()
    {
        var (exitCode, token, errors) = await RunTokenCommandAsync("clerk", "--body", "body-1", "--organisation", "org-1", "--subject", "alice");
        Assert.True(exitCode == 0, errors);

        var atGateway = await GetMeAsync(platform.Platform.Gateway, token);
        var atRegistry = await GetMeAsync(platform.Platform.AddressOf("registry"), token);

        Assert.Equal("alice", atGateway.GetProperty("subject").GetString());
        Assert.Equal("clerk", atGateway.GetProperty("roles")[0].GetString());
        Assert.Equal("alice", atRegistry.GetProperty("subject").GetString());
        Assert.Equal("org-1", atRegistry.GetProperty("organisation").GetString());
    }

    [Fact]
    public async Task The_token_command_without_a_role_is_a_usage_error()
    {
        var (exitCode, token, _) = await RunTokenCommandAsync();

        Assert.Equal(2, exitCode);
        Assert.Equal("", token);
    }

    [Fact]
    public async Task An_invalid_token_is_refused_at_the_gateway_and_never_reaches_the_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/registry/bodies");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIssuer.UnsignedToken());

        var response = await platform.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        // The trace of the refused request has the gateway's span and nothing from the registry.
        var traceId = response.Headers.GetValues("X-Correlation-Id").Single();
        await platform.Traces.WaitForAsync(spans => spans.Any(s => s.TraceId == traceId && s.ServiceName == "gateway"), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(platform.Traces.Spans, s => s.TraceId == traceId && s.ServiceName == "registry");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunTokenCommandAsync(params string[] arguments)
    {
        var configuration = typeof(AuthenticationEndToEndTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(Repository.Root, "src", "Cli", "bin", configuration, "net10.0", "Concordat.Cli.dll"));
        info.ArgumentList.Add("token");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AppHost__DataDirectory"] = platform.Platform.DataDirectory;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout).Trim(), await stderr);
    }

    private static async Task<JsonElement> GetMeAsync(Uri address, string token)
    {
        using var client = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
