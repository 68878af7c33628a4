using System.Diagnostics;
using Concordat.Testing;
using Xunit.Abstractions;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// Every operation the subscriptions service's OpenAPI document describes, sent hostile values (<see cref="OpenApiFuzzer"/>): no
/// answer is a 5xx, every error is a problem, and none names a .NET type.
/// </summary>
public sealed class OpenApiFuzzTests(SubscriptionsFactory subscriptions, ITestOutputHelper output) : IClassFixture<SubscriptionsFactory>
{
    [Fact]
    public async Task No_hostile_input_to_any_operation_gets_a_5xx_or_an_error_that_is_not_a_problem()
    {
        var fuzzer = new OpenApiFuzzer(subscriptions.CreateClient());
        var clock = Stopwatch.StartNew();

        var failures = await fuzzer.RunAsync();

        output.WriteLine($"{fuzzer.Sent} requests in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(fuzzer.Sent > 20, $"Only {fuzzer.Sent} requests: is the OpenAPI document served?");
        Assert.True(failures.Count == 0, $"{failures.Count} answers break the rule:\n" + string.Join("\n", failures));
    }
}
