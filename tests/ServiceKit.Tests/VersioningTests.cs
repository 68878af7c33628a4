using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.ServiceKit.Tests;

public sealed class VersioningTests
{
    private sealed class Note : VersionedRecord
    {
        public Note(uint version) => typeof(VersionedRecord).GetProperty(nameof(Version))!.SetValue(this, version);
    }

    private static readonly Note Read = new(42);

    private static IResult? Precondition(string? ifMatch)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        return Versioning.Precondition(context, Read);
    }

    [Fact]
    public void A_change_naming_the_version_read_may_go_ahead() =>
        Assert.Null(Precondition("\"42\""));

    [Fact]
    public void A_change_naming_any_of_several_versions_may_go_ahead_when_one_is_current() =>
        Assert.Null(Precondition("\"41\", \"42\""));

    [Fact]
    public void A_change_without_if_match_is_428() =>
        Assert.Equal(428, Assert.IsType<ProblemHttpResult>(Precondition(null)).StatusCode);

    [Fact]
    public void If_match_star_proves_nothing_and_is_428() =>
        Assert.Equal(428, Assert.IsType<ProblemHttpResult>(Precondition("*")).StatusCode);

    [Fact]
    public void A_stale_version_is_409_naming_the_current_one()
    {
        var problem = Assert.IsType<ProblemHttpResult>(Precondition("\"41\""));

        Assert.Equal(409, problem.StatusCode);
        Assert.Equal(Versioning.StaleVersionType, problem.ProblemDetails.Type);
        Assert.Contains("\"42\"", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_tag_does_not_match() =>
        Assert.Equal(409, Assert.IsType<ProblemHttpResult>(Precondition("W/\"42\"")).StatusCode);

    [Fact]
    public void A_malformed_if_match_is_a_field_error() =>
        Assert.Contains("If-Match", Assert.IsType<ValidationProblem>(Precondition("42")).ProblemDetails.Errors.Keys);

    [Fact]
    public void A_records_etag_is_its_version_quoted() =>
        Assert.Equal("\"42\"", Versioning.ETagOf(Read));
}
