using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Concordat.Messaging.Tests;

/// <summary>
/// A consumer's process really dies (SIGKILL) after its effect committed and before the broker had the
/// acknowledgement: the broker redelivers, and the inbox keeps the effect to one.
/// </summary>
public sealed class ConsumerCrashTests : IAsyncLifetime
{
    /// <summary>How .NET reports a process that signal 9 ended: 128 + the signal.</summary>
    private const int KilledBySigkill = 128 + 9;

    private static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(120);

    private readonly string _database = TestServers.UniqueName("crash");
    private readonly string _vhost = TestServers.UniqueName("crash");
    private readonly List<NotesProcess> _processes = [];
    private string _connectionString = "";
    private Uri _messaging = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestServers.CreateDatabaseAsync(_database);
        _messaging = await TestServers.CreateVirtualHostAsync(_vhost);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await TestServers.DropDatabaseAsync(_database);
        await TestServers.DeleteVirtualHostAsync(_vhost);
    }

    [Fact]
    public async Task A_consumer_killed_after_its_commit_and_before_its_ack_gets_the_message_again_and_applies_it_once()
    {
        const string name = "Severn Vale Nature Partnership";
        var dying = Start("--die-after-commit", name);
        await dying.WaitForOutputAsync(ProcessLines.Ready, ProcessStart);
        await using var publisher = await MessagingHost.StartAsync(_connectionString, _messaging, withConsumer: false);

        var eventId = await publisher.RegisterAsync(name);

        Assert.Equal(KilledBySigkill, await dying.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(ProcessLines.Dying(eventId), dying.Output);
        Assert.Equal(1, await NotesNamedAsync(publisher, name));
        Assert.Equal(1, await InboxRecordsAsync(publisher, eventId));
        await Eventually.HoldsAsync(
            async () => await ReadyMessagesAsync(NotesHost.Queue) == 1,
            TimeSpan.FromSeconds(30), "the unacknowledged message to be back in the queue");

        var restarted = Start();
        await restarted.WaitForOutputAsync(ProcessLines.Consumed(eventId, redelivered: true), ProcessStart);
        Assert.Contains(ProcessLines.Duplicate, restarted.Output);
        Assert.DoesNotContain(ProcessLines.Applied, restarted.Output);
        // Stopping hands back to the queue whatever is still unacknowledged: empty afterwards means acknowledged.
        Assert.Equal(0, await restarted.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0u, await ReadyMessagesAsync(NotesHost.Queue));
        Assert.True(await ReadyMessagesAsync(NotesHost.Queue + "_error") is null or 0, "nothing may reach the error queue");
        Assert.Equal(1, await NotesNamedAsync(publisher, name));
        Assert.Equal(1, await InboxRecordsAsync(publisher, eventId));
    }

    private NotesProcess Start(params string[] options)
    {
        var process = NotesProcess.Start(_connectionString, _messaging, options);
        _processes.Add(process);
        return process;
    }

    private static async Task<int> NotesNamedAsync(MessagingHost service, string name) =>
        (await service.NotesAsync()).Count(text => text == name);

    private static async Task<int> InboxRecordsAsync(MessagingHost service, Guid messageId)
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Set<InboxMessage>().CountAsync(m => m.MessageId == messageId);
    }

    /// <summary>Messages ready in <paramref name="queue"/> (not those held unacknowledged by a consumer); null if there is no such queue.</summary>
    private async Task<uint?> ReadyMessagesAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = _messaging }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }
}
