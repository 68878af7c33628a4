using MassTransit;

namespace Concordat.Messaging;

/// <summary>
/// Queues named <c>{service}-{event}</c> in kebab case, as MassTransit's formatter names them, except that a generic
/// consumer (one shared by several services over their own database, <c>BodyRegisteredConsumer&lt;CycleDbContext&gt;</c>)
/// is named by its own type's name, not by its last type argument as MassTransit would: <c>cycle-body-registered</c>.
/// </summary>
public sealed class ServiceEndpointNameFormatter(string serviceName) : KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false)
{
    private const string Stand = "Stand";

    protected override string GetConsumerName(Type type)
    {
        if (!type.IsGenericType)
        {
            return base.GetConsumerName(type);
        }

        // The base formats a stand-in's name with the service's prefix; the generic consumer's own name replaces it.
        var name = NameOf(type);
        name = name.EndsWith("Consumer", StringComparison.Ordinal) ? name[..^"Consumer".Length] : name;
        return base.GetConsumerName(typeof(StandConsumer)).Replace(SanitizeName(Stand), SanitizeName(name), StringComparison.Ordinal);
    }

    /// <summary>A type's name without its generic arity (<c>BodyRegisteredConsumer`1</c> → <c>BodyRegisteredConsumer</c>).</summary>
    public static string NameOf(Type type) => type.Name.Split('`')[0];

    private sealed class StandConsumer;
}
