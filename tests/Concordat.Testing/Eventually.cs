namespace Concordat.Testing;

/// <summary>Waits for something that happens asynchronously (an event consumed) without fixed sleeps.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "a result"}.");
            }

            await Task.Delay(100);
        }
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null) =>
        await ReturnsAsync(async () => await condition() ? "" : null, timeout, what);
}
