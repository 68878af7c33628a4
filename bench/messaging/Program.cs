using System.Globalization;
using Concordat.Bench.Messaging;
using Microsoft.Extensions.DependencyInjection;

// The messaging benchmark (bench/README.md): our outbox path against plain MassTransit, side by side in one
// run, on the servers in CONCORDAT_TEST_* (bench/messaging/run.sh starts them with `concordat exec`).
// Prints figures; missing a target is reported, not an error. Exit code 1 if events were lost or a server failed.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchSettings settings;
try
{
    settings = BenchSettings.From(args);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    Console.Error.WriteLine("usage: Concordat.Bench.Messaging [--warmup=500] [--warmup-rounds=20] [--events=5000] [--producers=16] [--rounds=3] [--rate=200,500] [--phases=500] [--duration=30] [--quorum-queues=false]");
    return 2;
}

try
{
    _ = (Concordat.Testing.TestServers.PostgresAdmin, Concordat.Testing.TestServers.RabbitMq, Concordat.Testing.TestServers.RabbitMqManagement);
}
catch (InvalidOperationException missing)
{
    Console.Error.WriteLine(missing.Message);
    Console.Error.WriteLine("bench/messaging/run.sh starts throwaway servers and runs the benchmark on them.");
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
var cancellationToken = stopping.Token;

try
{
    Report.Introduction(settings);
    await using var outbox = await OutboxPath.StartAsync(settings);
    await using var plain = await PlainPath.StartAsync(settings);
    Report.Servers(await outbox.DescribeDatabaseAsync(), await Broker.DescribeAsync());

    var report = new Report(settings);
    report.Idle((await PhaseCost.MeasureAsync(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        return 0;
    })).Cost);

    // Freshly started .NET code runs unoptimised until the tiered JIT has recompiled what is hot, which on two
    // busy cores takes tens of seconds: warm up until a round compiles next to nothing.
    for (var round = 1; settings.Warmup > 0 && round <= settings.WarmupRounds; round++)
    {
        var (_, outboxCost) = await PhaseCost.MeasureAsync(() => Load.AsFastAsPossibleAsync(outbox, settings.Warmup, settings.Producers, cancellationToken));
        var (_, plainCost) = await PhaseCost.MeasureAsync(() => Load.AsFastAsPossibleAsync(plain, settings.Warmup, settings.Producers, cancellationToken));
        if (report.Warmup(round, outboxCost + plainCost))
        {
            break;
        }
    }

    // PostgreSQL's statistics lag by about a second: read them after a pause, and after the plain path's phases.
    var beforeRounds = await outbox.TransactionsAsync();
    report.ThroughputHeader();
    for (var round = 1; round <= settings.Rounds; round++)
    {
        report.Round(round,
            await PhaseCost.MeasureAsync(() => Load.AsFastAsPossibleAsync(outbox, settings.Events, settings.Producers, cancellationToken)),
            await PhaseCost.MeasureAsync(() => Load.AsFastAsPossibleAsync(plain, settings.Events, settings.Producers, cancellationToken)));
    }

    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
    var afterRounds = await outbox.TransactionsAsync();
    report.ThroughputSummary(afterRounds - beforeRounds);

    foreach (var rate in settings.Rates)
    {
        report.LatencyHeader(rate);
        var beforeLatency = await outbox.TransactionsAsync();
        foreach (var path in new MessagingPath[] { outbox, plain })
        {
            report.Latency(rate, path.Name, await PhaseCost.MeasureAsync(() => Load.AtFixedRateAsync(path, rate, settings.Duration, cancellationToken)));
        }

        report.LatencyTransactions(rate, await outbox.TransactionsAsync() - beforeLatency);
    }

    if (settings.Phases > 0)
    {
        await PhaseSplit.RunAsync(plain.Host.Services.GetRequiredService<MassTransit.IBus>(), settings.Phases, cancellationToken);
    }

    // Asked at the end: the management API lists consumers some seconds after they connect.
    Report.Queues(
        await Broker.DescribeQueueAsync(outbox.VirtualHost, OutboxPath.Service),
        await Broker.DescribeQueueAsync(plain.VirtualHost, PlainPath.Service));
    report.Summary();
    return 0;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}
catch (BenchFailedException failed)
{
    Console.Error.WriteLine($"The benchmark failed: {failed.Message}");
    return 1;
}
catch (Exception unexpected) when (unexpected is InvalidOperationException or System.Net.Http.HttpRequestException or Npgsql.NpgsqlException or MassTransit.MassTransitException or TimeoutException)
{
    // A server away or refusing: say so plainly, after the paths have removed their databases and vhosts.
    Console.Error.WriteLine($"The benchmark failed: {unexpected}");
    return 1;
}
