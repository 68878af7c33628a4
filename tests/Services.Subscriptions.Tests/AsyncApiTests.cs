using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.Contracts;
using Concordat.Subscriptions.FanOut;
using Concordat.Testing;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// The AsyncAPI document of the public events: generated from the contracts, so every public event and every public member is
/// in it, and valid by the AsyncAPI parser (npm's <c>@asyncapi/parser</c>, run with Node.js).
/// </summary>
public sealed class AsyncApiTests(SubscriptionsFactory service) : IClassFixture<SubscriptionsFactory>
{
    private static readonly string Folder = Path.Combine(Repository.Root, "tests", "Services.Subscriptions.Tests", "AsyncApi");

    [Fact]
    public async Task Every_public_event_is_a_channel_with_its_public_members_as_data()
    {
        var document = JsonNode.Parse(await service.CreateClient(token: null).GetStringAsync("/asyncapi/public.json"))!;

        var messages = document["components"]!["messages"]!.AsObject();
        Assert.Equal(PublicEvents.TypeNames, document["channels"]!.AsObject().Select(c => (string)c.Value!["address"]!).Order(StringComparer.Ordinal));
        foreach (var type in PublicEvents.Types)
        {
            var data = messages[type.Name]!["payload"]!["properties"]!["data"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            Assert.Equal(PublicMembers(type), data);
            Assert.Equal(EventTypeAttribute.Of(type), (string)messages[type.Name]!["payload"]!["properties"]!["type"]!["const"]!);
        }
    }

    [Fact]
    public async Task Each_channel_is_a_routing_key_on_the_feeds_topic_exchange_and_each_message_has_both_bindings()
    {
        var document = JsonNode.Parse(await service.CreateClient(token: null).GetStringAsync("/asyncapi/public.json"))!;

        Assert.Equal("amqps", (string)document["servers"]!["feeds"]!["protocol"]!);
        foreach (var (name, channel) in document["channels"]!.AsObject())
        {
            var amqp = channel!["bindings"]!["amqp"]!;
            Assert.Equal("routingKey", (string)amqp["is"]!);
            Assert.Equal("concordat.public", (string)amqp["exchange"]!["name"]!);
            Assert.Equal("topic", (string)amqp["exchange"]!["type"]!);
            var bindings = document["components"]!["messages"]![name]!["bindings"]!.AsObject();
            Assert.Equal((string)channel["address"]!, (string)bindings["amqp"]!["messageType"]!);
            Assert.True(bindings.ContainsKey("http"));
        }
    }

    [Fact]
    public async Task The_document_is_valid_by_the_AsyncAPI_parser()
    {
        var file = Path.Combine(Path.GetTempPath(), $"asyncapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await service.CreateClient(token: null).GetStringAsync("/asyncapi/public.json"));
        try
        {
            if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
            {
                var (installed, installOutput) = await RunAsync("npm", "install --no-audit --no-fund --no-package-lock");
                Assert.True(installed == 0, "npm install failed:\n" + installOutput);
            }

            var (exit, output) = await RunAsync("node", $"validate.mjs {file}");

            Assert.True(exit == 0, output);
            Assert.Contains("valid AsyncAPI 3.0.0", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> PublicMembers(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.DeclaringType != typeof(IntegrationEvent) && !p.Name.EndsWith("By", StringComparison.Ordinal))
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .Order(StringComparer.Ordinal);

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
