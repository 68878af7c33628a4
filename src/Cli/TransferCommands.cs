using System.Net.Http.Headers;

namespace Concordat.Cli;

/// <summary>
/// <c>export [file]</c> and <c>import &lt;file&gt;</c>: the registry's whole-document export and import
/// (<c>docs/registry-import-export.md</c>), called through the running platform's gateway with a platform
/// administrator's development token, so a developer need not mint a token and write the curl by hand.
/// </summary>
internal static class TransferCommands
{
    public static async Task<int> ExportAsync(CliOptions options, string[] arguments)
    {
        if (arguments.Length > 1)
        {
            return Usage();
        }

        using var http = Client(options, out var refusal);
        if (http is null)
        {
            return refusal;
        }

        using var response = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, "api/registry/export.json"));
        if (response is null || !response.IsSuccessStatusCode)
        {
            return await ReportAsync(response);
        }

        await using var output = arguments.Length == 1 ? File.Create(arguments[0]) : Console.OpenStandardOutput();
        await response.Content.CopyToAsync(output);
        return 0;
    }

    public static async Task<int> ImportAsync(CliOptions options, string[] arguments)
    {
        if (arguments is not [var file])
        {
            return Usage();
        }

        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"No such file: {file}");
            return 2;
        }

        using var http = Client(options, out var refusal);
        if (http is null)
        {
            return refusal;
        }

        var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "api/registry/import") { Content = content });
        if (response is null || !response.IsSuccessStatusCode)
        {
            return await ReportAsync(response);
        }

        Console.WriteLine(await response.Content.ReadAsStringAsync());
        return 0;
    }

    private static HttpClient? Client(CliOptions options, out int refusal)
    {
        DevelopmentIssuer issuer;
        try
        {
            issuer = DevelopmentIssuer.Load(options.DevelopmentIssuerFolder);
        }
        catch (FileNotFoundException missing)
        {
            Console.Error.WriteLine(missing.Message);
            refusal = 3;
            return null;
        }

        refusal = 0;
        var token = issuer.IssueToken(new TokenRequest { Subject = "dev-cli", Name = "concordat command line", Roles = ["platform_admin"] });
        var http = new HttpClient { BaseAddress = options.GatewayUrl, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<HttpResponseMessage?> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException unreachable)
        {
            Console.Error.WriteLine($"The platform does not answer at {http.BaseAddress} ({unreachable.Message}); start it with ./concordat up.");
            return null;
        }
    }

    private static async Task<int> ReportAsync(HttpResponseMessage? response)
    {
        if (response is not null)
        {
            Console.Error.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
            Console.Error.WriteLine(await response.Content.ReadAsStringAsync());
        }

        return 1;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: concordat export [file] | concordat import <file>");
        return 2;
    }
}
