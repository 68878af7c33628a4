using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Concordat.AppHost.Tests;

/// <summary>The app host's model as its Program builds it with the given settings; nothing is started.</summary>
internal sealed class AppHostModel : IAsyncDisposable
{
    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly string _data;

    private AppHostModel(IDistributedApplicationTestingBuilder builder, string data)
    {
        _builder = builder;
        _data = data;
    }

    public IResourceCollection Resources => _builder.Resources;

    public static async Task<AppHostModel> BuildAsync(params string[] settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "concordat-model-" + Guid.NewGuid().ToString("N"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--AppHost:Dashboard=false", $"--AppHost:DataDirectory={data}", .. settings]);
        return new AppHostModel(builder, data);
    }

    public T Resource<T>(string name)
        where T : IResource =>
        Assert.IsType<T>(Resources.Single(r => r.Name == name), exactMatch: false);

    /// <summary>A resource's environment as a deployment would see it: references as expressions, not addresses.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PublishedEnvironmentAsync(string name)
    {
        // Obsolete in favour of ExecutionConfigurationBuilder, which needs a running app's services; this reads the
        // same environment callbacks from the model alone, which is all a model test has.
#pragma warning disable CS0618
        return await Resource<IResourceWithEnvironment>(name).GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
    }

    /// <summary>The names of the resources a resource waits for before it starts.</summary>
    public IReadOnlyList<string> WaitsOf(string name) =>
        [.. Resources.Single(r => r.Name == name).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name)];

    public async ValueTask DisposeAsync()
    {
        await _builder.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
