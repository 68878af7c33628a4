using Concordat.LocalServers;
using Npgsql;

namespace Concordat.Testing;

/// <summary>
/// The real RabbitMQ and PostgreSQL servers a test run uses, from <c>CONCORDAT_TEST_POSTGRES</c>,
/// <c>CONCORDAT_TEST_RABBITMQ</c> and <c>CONCORDAT_TEST_RABBITMQ_MANAGEMENT</c>. The test command
/// (<c>./concordat test</c>) starts throwaway servers and sets these; set them yourself to use others.
/// Each test fixture makes its own databases and vhost on them and removes them afterwards.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("CONCORDAT_TEST_POSTGRES");

    public static Uri RabbitMq => new(Required("CONCORDAT_TEST_RABBITMQ"));

    public static Uri RabbitMqManagement => new(Required("CONCORDAT_TEST_RABBITMQ_MANAGEMENT"));

    /// <summary>A short name unique to this fixture, usable in database and vhost names.</summary>
    public static string UniqueName(string purpose) => $"t_{purpose}_{Guid.NewGuid():N}";

    /// <summary>Creates the database <paramref name="name"/> (unique per fixture); returns its connection string.</summary>
    public static Task<string> CreateDatabaseAsync(string name) => PostgresCluster.EnsureDatabaseAsync(PostgresAdmin, name);

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Creates a vhost the broker's user may use; returns the <c>amqp://</c> URI for it.</summary>
    public static async Task<Uri> CreateVirtualHostAsync(string name)
    {
        using var management = new RabbitMqManagement(RabbitMqManagement);
        await management.EnsureVirtualHostAsync(name, User(RabbitMq));
        return new UriBuilder(RabbitMq) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    public static async Task DeleteVirtualHostAsync(string name)
    {
        using var management = new RabbitMqManagement(RabbitMqManagement);
        await management.DeleteVirtualHostAsync(name);
    }

    private static string User(Uri uri) => Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with `./concordat test` (it starts RabbitMQ and PostgreSQL), " +
                "or set CONCORDAT_TEST_POSTGRES, CONCORDAT_TEST_RABBITMQ and CONCORDAT_TEST_RABBITMQ_MANAGEMENT to servers of your own.");
}
