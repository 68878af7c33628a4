using Concordat.Testing;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// The subscriptions service's OpenAPI document describes what it answers: every operation sent once, each answer's status
/// and body checked against the served document by a JSON Schema validator (<see cref="OpenApiContract"/>).
/// </summary>
public sealed class OpenApiContractTests(SubscriptionsFactory subscriptions) : IClassFixture<SubscriptionsFactory>
{
    [Fact]
    public async Task Every_answer_is_one_the_document_describes()
    {
        var client = subscriptions.CreateClient();
        var contract = await OpenApiContract.LoadAsync(client);

        var failures = await contract.CheckEveryOperationAsync(client, "subscriptions");

        Assert.NotEmpty(contract.Operations);
        Assert.True(failures.Count == 0, $"{failures.Count} answers the document does not describe:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_document_leaves_a_client_nothing_to_guess()
    {
        var contract = await OpenApiContract.LoadAsync(subscriptions.CreateClient());

        var omissions = contract.Omissions();

        Assert.True(omissions.Count == 0, string.Join("\n", omissions));
    }
}
