using Concordat.LocalServers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Concordat.Testing.Tests;

/// <summary>Tokens the command line prints without <c>--subject</c> each name their own caller.</summary>
public sealed class DevelopmentTokenTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("concordat-issuer-").FullName;

    [Fact]
    public void Two_tokens_printed_without_a_subject_have_different_subjects()
    {
        var issuer = DevelopmentIssuer.Create(_folder);

        var first = new JsonWebToken(issuer.IssueToken(TokenRequest.ForCommandLine(["platform_admin"], subject: null)));
        var second = new JsonWebToken(issuer.IssueToken(TokenRequest.ForCommandLine(["platform_admin"], subject: null)));

        Assert.NotEqual(first.Subject, second.Subject);
        Assert.StartsWith("dev-platform_admin-", first.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_printed_with_a_subject_keeps_it()
    {
        var issuer = DevelopmentIssuer.Create(_folder);

        var token = new JsonWebToken(issuer.IssueToken(TokenRequest.ForCommandLine(["clerk"], subject: "demo-joanna-pryce")));

        Assert.Equal("demo-joanna-pryce", token.Subject);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
