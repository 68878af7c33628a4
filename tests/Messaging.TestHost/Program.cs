using Concordat.Messaging.TestHost;
using Microsoft.Extensions.Hosting;

// The notes service as a process of its own, for tests that kill it; runs until SIGTERM or SIGINT.
var builder = NotesHost.CreateBuilder(args);
using var host = builder.Build();
await NotesHost.CreateSchemaAsync(host.Services);
await host.RunAsync();
