using Concordat.ServiceDefaults;
using Concordat.Testing;
using YamlDotNet.RepresentationModel;

namespace Concordat.AppHost.Tests;

/// <summary>
/// <c>deploy/kubernetes</c> and the app host's model must give each service the same configuration names: the
/// connection strings, the service addresses and the instance settings it reads, and its telemetry name. A
/// resource renamed in the app host, or a variable renamed in a manifest, breaks this.
/// </summary>
public sealed class KubernetesManifestTests
{
    /// <summary>The names a service reads that a deployment must provide; development-only settings (the local issuer, demo data) are not among them.</summary>
    private static readonly string[] ContractPrefixes = ["ConnectionStrings__", "services__", "Concordat__"];

    public static TheoryData<string> Services => [ResourceNames.Registry, ResourceNames.Cycle, ResourceNames.Scrutiny, ResourceNames.Subscriptions, ResourceNames.Web, ResourceNames.Gateway];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_manifests_give_a_service_every_name_the_app_host_gives_it(string service)
    {
        await using var model = await AppHostModel.BuildAsync();
        var fromModel = Contract((await model.PublishedEnvironmentAsync(service)).Keys);
        var fromKubernetes = Contract(KubernetesEnvironment(service).Keys);

        Assert.Empty(fromModel.Except(fromKubernetes));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_connection_string_the_manifests_give_a_service_is_a_resource_the_app_host_gives_it(string service)
    {
        await using var model = await AppHostModel.BuildAsync();
        var fromModel = (await model.PublishedEnvironmentAsync(service)).Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        var fromKubernetes = KubernetesEnvironment(service).Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));

        Assert.Equal(fromModel.Order(), fromKubernetes.Order());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_services_telemetry_carries_its_resource_name_as_under_the_app_host(string service)
    {
        // Aspire names each process's telemetry after its resource (OTEL_SERVICE_NAME); the cluster must too, or one
        // service's traces would carry two names depending on where it runs.
        Assert.Equal(service, KubernetesEnvironment(service)["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void The_gateway_lets_the_sign_out_form_go_on_to_the_provider_the_web_application_signs_people_in_at()
    {
        // Signing out posts a form whose answer redirects to the provider: the pages' form-action must allow its origin.
        var authority = new Uri(KubernetesEnvironment(ResourceNames.Web)["Web__SignIn__Authority"]);
        Assert.Equal(authority.GetLeftPart(UriPartial.Authority), KubernetesEnvironment(ResourceNames.Gateway)["Gateway__SignInProvider"]);
    }

    [Fact]
    public void Every_web_replica_keeps_the_sign_in_keys_on_one_volume_that_all_of_them_can_write()
    {
        // Two replicas behind one Service: a cookie protected by one replica's keys must be read by the other.
        var documents = Documents();
        var web = Deployment(documents, ResourceNames.Web);
        var spec = (YamlMappingNode)web["spec"];
        var pod = (YamlMappingNode)((YamlMappingNode)spec["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"])[0];
        Assert.True(int.Parse(Text(spec, "replicas")!, System.Globalization.CultureInfo.InvariantCulture) > 1);

        var folder = KubernetesEnvironment(ResourceNames.Web)["Web__SignIn__KeysFolder"];
        var mount = ((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>().Single(m => Text(m, "mountPath") == folder);
        Assert.NotEqual("true", Text(mount, "readOnly"));
        var volume = ((YamlSequenceNode)pod["volumes"]).Cast<YamlMappingNode>().Single(v => Text(v, "name") == Text(mount, "name"));
        var claimName = Text((YamlMappingNode)volume["persistentVolumeClaim"], "claimName");
        var claim = documents.Single(d => Text(d, "kind") == "PersistentVolumeClaim" && Text((YamlMappingNode)d["metadata"], "name") == claimName);
        Assert.Equal(["ReadWriteMany"], ((YamlSequenceNode)((YamlMappingNode)claim["spec"])["accessModes"]).Select(m => ((YamlScalarNode)m).Value));
    }

    private static SortedSet<string> Contract(IEnumerable<string> names) =>
        new(names.Where(n => ContractPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))), StringComparer.Ordinal);

    /// <summary>A service's container environment in the manifests: the shared ConfigMap it takes whole, then its own <c>env</c>.</summary>
    private static Dictionary<string, string> KubernetesEnvironment(string service)
    {
        var documents = Documents();
        var configMaps = documents.Where(d => Text(d, "kind") == "ConfigMap")
            .ToDictionary(d => Text((YamlMappingNode)d["metadata"], "name")!, d => (YamlMappingNode)d["data"]);
        var deployment = Deployment(documents, service);
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])["containers"])[0];

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (container.Children.TryGetValue("envFrom", out var envFrom))
        {
            foreach (YamlMappingNode source in (YamlSequenceNode)envFrom)
            {
                var name = Text((YamlMappingNode)source["configMapRef"], "name")!;
                foreach (var (key, value) in configMaps[name].Children)
                {
                    environment[((YamlScalarNode)key).Value!] = (value as YamlScalarNode)?.Value ?? "";
                }
            }
        }

        if (container.Children.TryGetValue("env", out var env))
        {
            foreach (YamlMappingNode variable in (YamlSequenceNode)env)
            {
                environment[Text(variable, "name")!] = Text(variable, "value") ?? "(from a secret)";
            }
        }

        return environment;
    }

    /// <summary>Every document of every manifest in <c>deploy/kubernetes</c>.</summary>
    private static List<YamlMappingNode> Documents() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repository.Root, "deploy", "kubernetes"), "*.yaml")
            .SelectMany(file =>
            {
                var stream = new YamlStream();
                using var reader = new StreamReader(file);
                stream.Load(reader);
                return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
            })];

    private static YamlMappingNode Deployment(List<YamlMappingNode> documents, string name) =>
        documents.Single(d => Text(d, "kind") == "Deployment" && Text((YamlMappingNode)d["metadata"], "name") == name);

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}
