using System.Net;
using System.Text;
using Refit;

namespace Concordat.Web.Tests;

/// <summary>What a person sees when the service refuses a form: the refusal in the error summary, and a way back to the page as it is now when it changed meanwhile.</summary>
public sealed class ServicePageWriteTests : BunitContext
{
    private static async Task<IApiResponse> AnswerAsync(HttpStatusCode status, string? problem)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://cycle/api/cycle/issues/1/moves");
        var message = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(problem ?? "", Encoding.UTF8, "application/problem+json"),
        };
        var settings = new RefitSettings();
        var error = message.IsSuccessStatusCode ? null : await ApiException.Create(request, HttpMethod.Post, message, settings);
        return new ApiResponse<object>(message, null, settings, error);
    }

    [Fact]
    public async Task A_stale_version_says_someone_changed_it_and_offers_to_reload_the_page()
    {
        var answer = await AnswerAsync(HttpStatusCode.PreconditionFailed, """{"title":"The issue has changed"}""");

        var page = Render<WritingPage>(p => p.Add(w => w.Response, answer));

        Assert.Equal("False", page.Find("#sent").TextContent);
        Assert.Equal("The issue has changed", page.Find(".govuk-error-summary__title").TextContent);
        Assert.Contains("Someone changed this while you were writing", page.Find(".govuk-error-summary__body").TextContent);
        Assert.Equal("Reload this page", page.Find(".govuk-error-summary__body a").TextContent);
    }

    [Fact]
    public async Task The_services_stale_version_conflict_gives_their_words_and_offers_to_reload_the_page()
    {
        var answer = await AnswerAsync(HttpStatusCode.Conflict,
            """{"type":"https://concordat.org/problems/stale-version","title":"The record has changed since you read it.","detail":"Someone else changed it first. Read it again and reapply your change."}""");

        var page = Render<WritingPage>(p => p.Add(w => w.Response, answer));

        Assert.Contains("Someone else changed it first", page.Find(".govuk-error-summary__body").TextContent);
        Assert.Equal("Reload this page", page.Find(".govuk-error-summary__body a").TextContent);
    }

    [Fact]
    public async Task A_rule_s_conflict_gives_the_service_s_reason_and_no_reload_which_would_not_change_it()
    {
        var answer = await AnswerAsync(HttpStatusCode.Conflict, """{"title":"An evaluation is needed first","detail":"Complete an evaluation before closing the issue from evaluation."}""");

        var page = Render<WritingPage>(p => p.Add(w => w.Response, answer));

        Assert.Contains("Complete an evaluation before closing", page.Find(".govuk-error-summary__body").TextContent);
        Assert.Empty(page.FindAll(".govuk-error-summary__body a"));
    }

    [Fact]
    public async Task A_refused_field_is_listed_and_linked_and_nothing_was_sent()
    {
        var answer = await AnswerAsync(HttpStatusCode.BadRequest, """{"title":"One or more validation errors occurred.","errors":{"reason":["Give the reason for closing."]}}""");

        var page = Render<WritingPage>(p => p.Add(w => w.Response, answer));

        Assert.Equal("False", page.Find("#sent").TextContent);
        Assert.Equal("/#reason", page.Find(".govuk-error-summary__list a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_taken_change_shows_no_summary()
    {
        var answer = await AnswerAsync(HttpStatusCode.OK, "{}");

        var page = Render<WritingPage>(p => p.Add(w => w.Response, answer));

        Assert.Equal("True", page.Find("#sent").TextContent);
        Assert.Empty(page.FindAll(".govuk-error-summary"));
    }
}
