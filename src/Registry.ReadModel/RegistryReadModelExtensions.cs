using Concordat.ServiceDefaults.Access;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.ReadModel;

/// <summary>Registers the registry's read model in a service: its tables, its six consumers and access by membership.</summary>
public static class RegistryReadModelExtensions
{
    /// <summary>The <c>bodies</c> and <c>memberships</c> tables.</summary>
    public static ModelBuilder AddRegistryReadModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new KnownBodyConfiguration());
        modelBuilder.ApplyConfiguration(new KnownMembershipConfiguration());
        return modelBuilder;
    }

    /// <summary>
    /// The consumers of <c>BodyRegistered</c>, <c>BodyChanged</c>, <c>BodyRolesChanged</c>, <c>BodyDissolved</c>,
    /// <c>MembershipStarted</c> and <c>MembershipEnded</c>, each on its queue <c>{service}-{event}</c> (the service's
    /// endpoint name formatter names a generic consumer by its type's name, so these keep the names they had).
    /// </summary>
    public static IBusRegistrationConfigurator AddRegistryReadModel<TDbContext>(this IBusRegistrationConfigurator bus)
        where TDbContext : DbContext, IRegistryReadModel
    {
        bus.AddConsumer<BodyRegisteredConsumer<TDbContext>>();
        bus.AddConsumer<BodyChangedConsumer<TDbContext>>();
        bus.AddConsumer<BodyRolesChangedConsumer<TDbContext>>();
        bus.AddConsumer<BodyDissolvedConsumer<TDbContext>>();
        bus.AddConsumer<MembershipStartedConsumer<TDbContext>>();
        bus.AddConsumer<MembershipEndedConsumer<TDbContext>>();
        return bus;
    }

    /// <summary>A clerk, chair or member of a body acts for it by the read model's current memberships (<see cref="IBodyRoles"/>).</summary>
    public static IServiceCollection AddRegistryBodyRoles<TDbContext>(this IServiceCollection services)
        where TDbContext : DbContext, IRegistryReadModel
    {
        services.AddScoped<IBodyRoles, RegistryBodyRoles<TDbContext>>();
        return services;
    }
}
