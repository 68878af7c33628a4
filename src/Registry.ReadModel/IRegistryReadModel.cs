using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.ReadModel;

/// <summary>
/// A service's database that keeps the registry's read model: its DbContext exposes the two sets and calls
/// <see cref="RegistryReadModelExtensions.AddRegistryReadModel(ModelBuilder)"/> in <c>OnModelCreating</c>.
/// </summary>
public interface IRegistryReadModel
{
    /// <summary>The bodies the service knows of from the registry's events.</summary>
    DbSet<KnownBody> Bodies { get; }

    /// <summary>The memberships the service knows of, for access and "which bodies do I sit on".</summary>
    DbSet<KnownMembership> Memberships { get; }
}
