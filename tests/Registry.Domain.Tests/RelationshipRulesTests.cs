using Concordat.Registry.Relationships;
using static Concordat.Registry.Domain.Tests.Registry;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="RelationshipRules.Relate"/>: no relationship twice, and no loop in a hierarchy.</summary>
public sealed class RelationshipRulesTests
{
    private static readonly Guid Gsp = Guid.CreateVersion7();
    private static readonly Guid Abg = Guid.CreateVersion7();
    private static readonly Guid Lsp = Guid.CreateVersion7();

    [Fact]
    public void The_same_relationship_twice_is_refused()
    {
        BodyRelationship[] existing = [BodyRelationship.Relate(Abg, RelationshipKind.PartOf, Gsp, Now)];

        Assert.Equal("relationship-exists", RelationshipRules.Relate(existing, Abg, RelationshipKind.PartOf, Gsp)?.Rule);
    }

    [Theory]
    [InlineData(RelationshipKind.PartOf)]
    [InlineData(RelationshipKind.ReportsTo)]
    public void A_hierarchy_may_not_loop_however_long_the_way_round(RelationshipKind kind)
    {
        BodyRelationship[] existing = [BodyRelationship.Relate(Lsp, kind, Abg, Now), BodyRelationship.Relate(Abg, kind, Gsp, Now)];

        Assert.Equal("relationship-cycle", RelationshipRules.Relate(existing, Gsp, kind, Lsp)?.Rule);
        Assert.Equal("relationship-cycle", RelationshipRules.Relate(existing, Abg, kind, Lsp)?.Rule);
    }

    [Fact]
    public void Represented_on_may_run_both_ways()
    {
        BodyRelationship[] existing = [BodyRelationship.Relate(Lsp, RelationshipKind.RepresentedOn, Abg, Now)];

        Assert.Null(RelationshipRules.Relate(existing, Abg, RelationshipKind.RepresentedOn, Lsp));
    }

    [Fact]
    public void Relationships_of_another_kind_do_not_make_a_loop()
    {
        BodyRelationship[] existing = [BodyRelationship.Relate(Lsp, RelationshipKind.ReportsTo, Abg, Now)];

        Assert.Null(RelationshipRules.Relate(existing, Abg, RelationshipKind.PartOf, Lsp));
    }

    [Fact]
    public void A_relationship_is_never_rewritten()
    {
        var relationship = BodyRelationship.Relate(Lsp, RelationshipKind.RepresentedOn, Abg, Now);

        Assert.Null(relationship.Restate(Lsp, RelationshipKind.RepresentedOn, Abg));
        Assert.Equal(RegistryRules.RelationshipFixed, relationship.Restate(Lsp, RelationshipKind.ReportsTo, Abg)?.Rule);
        Assert.Equal(RegistryRules.RelationshipFixed, relationship.Restate(Lsp, RelationshipKind.RepresentedOn, Gsp)?.Rule);
    }

    [Fact]
    public void A_refused_relationship_is_not_made()
    {
        BodyRelationship[] existing = [BodyRelationship.Relate(Abg, RelationshipKind.PartOf, Gsp, Now)];

        var (related, refused) = BodyRelationship.Relate(existing, Gsp, RelationshipKind.PartOf, Abg, Now);

        Assert.Null(related);
        Assert.Equal(RegistryRules.RelationshipCycle, refused?.Rule);
    }
}
