using Concordat.Messaging.TestHost;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The notes service as a process of its own, for tests that kill it; runs until SIGTERM or SIGINT.
// Configured by --database and --messaging (or ConnectionStrings__notesdb and ConnectionStrings__messaging).
var builder = NotesHost.CreateBuilder(args);
builder.Services.AddConsumeObserver<ConsumeReport>();
if (builder.Configuration[DieAfterCommit.Setting] is { Length: > 0 } name)
{
    builder.Services.AddConsumeObserver(_ => new DieAfterCommit(name));
}

builder.Services.AddHostedService<ReadyReport>();

// Listening before the bus starts: a redelivery already waiting in the queue is consumed at once.
using var inbox = InboxReport.Start();
using var host = builder.Build();
await NotesHost.CreateSchemaAsync(host.Services);
await host.RunAsync();
