using System.Diagnostics;
using Concordat.Contracts.Registry;
using MassTransit;

namespace Concordat.Messaging.TestHost;

/// <summary>
/// A test-only fault (<c>--die-after-commit &lt;name&gt;</c>): once the consumers have finished with a body named
/// <paramref name="name"/> — so <see cref="InboxConsumer{TEvent,TDbContext}"/> has committed its effect and its inbox
/// record — the process kills itself with SIGKILL before MassTransit acknowledges the message.
/// </summary>
/// <remarks>
/// A consume observer's <c>PostConsume</c> is called by the consume pipe after the consumers returned; the receive
/// dispatcher sends the broker's ack only once that whole pipe has completed. So the broker still holds the
/// message unacknowledged, and hands it to the next consumer when this process's connection drops.
/// </remarks>
internal sealed class DieAfterCommit(string name) : IConsumeObserver
{
    public const string Setting = "TestHost:DieAfterCommit";

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is BodyRegistered body && body.Name == name)
        {
            Console.WriteLine(ProcessLines.Dying(context.MessageId));
            Console.Out.Flush();
            using var self = Process.GetCurrentProcess();
            self.Kill(); // SIGKILL on Linux: no handler runs, nothing is stopped, nothing is acknowledged
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
