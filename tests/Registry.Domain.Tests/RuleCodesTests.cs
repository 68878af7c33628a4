using System.Reflection;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="RegistryRules"/>: each rule code once, and each one documented for the clients that branch on it.</summary>
public sealed class RuleCodesTests
{
    private static readonly IReadOnlyList<string> Codes = [.. typeof(RegistryRules)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void Each_rule_has_its_own_code()
    {
        Assert.Equal(Codes.Count, Codes.Distinct().Count());
    }

    [Fact]
    public void Every_rule_code_is_in_the_registry_documentation()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "registry.md"));

        var undocumented = Codes.Where(code => !docs.Contains($"`{code}`", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, "Not in docs/registry.md: " + string.Join(", ", undocumented));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Concordat.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No Concordat.slnx above " + AppContext.BaseDirectory);
    }
}
