using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.Subscriptions.Data;
using Concordat.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// The subscriptions service on its own database and vhost, its clock a test clock (the retry schedule moves only when a
/// test moves it), http allowed and <c>localhost</c> on the operator's allow-list, so deliveries reach the test's receiver.
/// </summary>
public sealed class SubscriptionsFactory() : ServiceFactory<Program>(ResourceNames.SubscriptionsDatabase)
{
    /// <summary>The service's clock. Starts now, so tokens and Standard Webhooks' timestamp tolerance hold until moved.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Subscriptions:AllowHttp", "true");
        builder.UseSetting("Subscriptions:AllowedHosts:0", "localhost");
        builder.UseSetting("Subscriptions:PollInterval", "00:00:00.050");
        builder.UseSetting("Subscriptions:DeliveryTimeout", "00:00:10");
        // Partners' AMQP feeds are provisioned on the test broker, in this fixture's vhost.
        builder.UseSetting($"ConnectionStrings:{ResourceNames.MessagingManagement}", TestServers.RabbitMqManagement.ToString());
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A partner's client: its token names its organisation.</summary>
    public HttpClient Partner(Guid organisation) => CreateClient(Tokens.Token(new TokenRequest
    {
        Subject = $"partner-{organisation:N}",
        Roles = [ConcordatRoles.Partner],
        Organisation = organisation.ToString(),
    }));

    /// <summary>Publishes on the service's own bus, to its vhost on the real broker, as a producer's relay would.</summary>
    public async Task PublishAsync<T>(T message)
        where T : IntegrationEvent
    {
        await Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);
    }

    /// <summary>Reads the service's database.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<SubscriptionsDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>());
    }

    /// <summary>Registers an endpoint as <paramref name="client"/>; its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> RegisterAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/subscriptions/endpoints", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("endpoint").GetProperty("id").GetGuid(), json.GetProperty("secret").GetString()!);
    }
}
