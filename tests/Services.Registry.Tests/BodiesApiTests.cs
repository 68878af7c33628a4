using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.Registry.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Concordat.Registry.Tests;

public sealed class BodiesApiTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly HttpClient _client = registry.CreateClient();

    [Fact]
    public async Task Registering_a_body_stores_it_and_says_where_it_is()
    {
        var response = await _client.PostAsJsonAsync("/api/registry/bodies", new { name = "Gloucestershire Strategic Partnership", shortName = "GSP", type = "strategic", scope = "geographic", tier = "county" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/registry/bodies/{id}", response.Headers.Location?.ToString());
        Assert.Equal(7, id.Version);

        var fetched = await _client.GetFromJsonAsync<JsonElement>($"/api/registry/bodies/{id}");
        Assert.Equal("Gloucestershire Strategic Partnership", fetched.GetProperty("name").GetString());
        Assert.Equal("GSP", fetched.GetProperty("shortName").GetString());
    }

    [Fact]
    public async Task Registering_a_body_puts_BodyRegistered_on_the_broker()
    {
        await using var connection = await new ConnectionFactory { Uri = registry.MessagingUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "Concordat.Contracts.Registry:BodyRegistered";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");

        var response = await _client.PostAsJsonAsync("/api/registry/bodies", new { name = "Safer Gloucestershire", type = "strategic", scope = "thematic", tier = "county" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var delivery = await WaitForMessageAsync(channel, queue);
        var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery)).RootElement;
        var message = envelope.GetProperty("message");
        Assert.Equal(id, message.GetProperty("bodyId").GetGuid());
        Assert.Equal("Safer Gloucestershire", message.GetProperty("name").GetString());
        Assert.Equal("test", message.GetProperty("instanceId").GetString());
        Assert.Equal("http://concordat.test/registry", message.GetProperty("source").GetString());
        Assert.Equal($"bodies/{id}", message.GetProperty("subject").GetString());
        Assert.Equal("org.concordat.registry.body.registered.v1", message.GetProperty("type").GetString());
        Assert.Equal(message.GetProperty("eventId").GetGuid(), envelope.GetProperty("messageId").GetGuid());
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"   \"}", "name")]
    [InlineData("{\"name\":\"GSP\",\"shortName\":\"a short name that is far too long to be one\"}", "shortName")]
    public async Task Invalid_registration_is_refused_with_field_errors_and_stores_nothing(string json, string field)
    {
        var before = await CountBodiesAndEventsAsync();

        var response = await _client.PostAsync("/api/registry/bodies", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await CountBodiesAndEventsAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_not_a_server_error()
    {
        var response = await _client.PostAsync("/api/registry/bodies", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_body_is_not_found_as_a_problem()
    {
        var response = await _client.GetAsync($"/api/registry/bodies/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ready_check_reports_the_database_and_the_broker()
    {
        // The bus connects in the background after start; readiness says so until it has.
        var health = await _client.GetFromJsonAsync<JsonElement>("/health/ready");

        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("registrydb").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
    }

    private async Task<(int Bodies, int Events)> CountBodiesAndEventsAsync()
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await db.Bodies.CountAsync(), await db.Set<Messaging.OutboxMessage>().CountAsync());
    }

    private static async Task<byte[]> WaitForMessageAsync(IChannel channel, string queue)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
            {
                return result.Body.ToArray();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No BodyRegistered reached the broker.");
    }
}
