using Concordat.Subscriptions.FanOut;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// A type listed as public but with no consumer would be offered in the AsyncAPI document and accepted in filters, yet
/// never delivered; these read the two lists against each other.
/// </summary>
public sealed class PublicEventsTests
{
    private static Type EventOf(Type consumer)
    {
        for (var type = consumer.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PublicEventConsumer<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        throw new InvalidOperationException($"{consumer.Name} is not a public event consumer.");
    }

    [Fact]
    public void Every_public_event_is_heard_by_exactly_one_registered_consumer()
    {
        var heard = PublicEventConsumers.Types.Select(EventOf).ToList();

        Assert.All(PublicEvents.Types, type => Assert.Single(heard, h => h == type));
    }

    [Fact]
    public void No_consumer_hears_an_event_that_is_not_public()
    {
        Assert.All(PublicEventConsumers.Types.Select(EventOf), type => Assert.Contains(type, PublicEvents.Types));
    }
}
