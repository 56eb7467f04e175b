using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>The knowledge base (API.md "Knowledge base"): search, suggestions, articles, feedback, and the agents' editing and stats.</summary>
public sealed class KnowledgeFunctions(ApiPipeline pipeline, KnowledgeBase knowledgeBase, ArticleEditing editing, ArticleIndexRefresher refresher)
{
    [Function("SearchArticles")]
    [ApiOperation("Search the knowledge base", Description = "Russian and English word forms; snippets are HTML-escaped text with <mark> around the matches.", Query = ["q", "lang", "productId", "limit"], Response = typeof(HitsView))]
    public Task<IActionResult> SearchArticles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kb/search")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var hits = await knowledgeBase.SearchAsync(call.Query("q"), Optional(call, "lang"), Optional(call, "productId"), Limit(call), call.Aborted);
            return ApiResults.Ok(KnowledgeJson.ForHits(hits));
        });

    [Function("SuggestArticles")]
    [ApiOperation("Articles that may answer a ticket being written", Description = "Up to 5, from the subject and description typed so far.", Query = ["q", "productId"], Response = typeof(HitsView))]
    public Task<IActionResult> SuggestArticles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kb/suggest")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var hits = await knowledgeBase.SuggestAsync(call.Query("q"), Optional(call, "productId"), call.Aborted);
            return ApiResults.Ok(KnowledgeJson.ForHits(hits));
        });

    [Function("ListArticles")]
    [ApiOperation("Published articles, newest first", Query = ["lang", "productId", "cursor", "limit"], Response = typeof(SummaryPageView))]
    public Task<IActionResult> ListArticles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kb/articles")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var page = await knowledgeBase.ListAsync(Optional(call, "lang"), Optional(call, "productId"), Optional(call, "cursor"), Limit(call), call.Aborted);
            return ApiResults.Ok(KnowledgeJson.ForList(page));
        });

    [Function("GetArticle")]
    [ApiOperation("An article", Description = "Only published articles, except for staff.", Access = ApiAccess.OptionalCustomer, Response = typeof(PublicArticleView))]
    public Task<IActionResult> GetArticle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kb/articles/{slug}")] HttpRequest request, string slug) =>
        pipeline.RunAsync(request, async call =>
        {
            var caller = await ReaderAsync(call);
            var found = await knowledgeBase.ArticleAsync(caller, slug, call.Aborted);
            var forStaff = caller is StaffCaller;
            var result = ApiResults.Ok(KnowledgeJson.ForReader(found, forStaff));
            return forStaff || !found.Article.Published ? result.WithHeader("Cache-Control", "no-store") : result;
        });

    [Function("PostArticleFeedback")]
    [ApiOperation("Count an article shown, opened or answered", Access = ApiAccess.OptionalCustomer, Request = typeof(FeedbackRequest), Status = 204)]
    public Task<IActionResult> PostArticleFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "kb/articles/{slug}/feedback")] HttpRequest request, string slug) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<FeedbackRequest>();
            await knowledgeBase.FeedbackAsync(slug, body.Event, body.Source, call.ClientAddress, call.Aborted);
            return ApiResults.NoContent();
        });

    [Function("StaffArticles")]
    [ApiOperation("Every article, drafts included", Method = "get", Access = ApiAccess.Agent, Response = typeof(StaffArticlesView))]
    [ApiOperation("Write an article", Method = "post", Access = ApiAccess.Agent, Request = typeof(ArticleRequest), Status = 201, Response = typeof(StaffArticleView), Headers = ApiHeaders.IdempotencyKey, Errors = [409])]
    public Task<IActionResult> StaffArticles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "staff/kb/articles")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            if (HttpMethods.IsGet(request.Method))
            {
                return NoStore(ApiResults.Ok(KnowledgeJson.ForStaffList(await editing.ListAsync(call.Aborted))));
            }
            var body = await call.ReadJsonAsync<ArticleRequest>();
            return await call.CreateOnceAsync("staff.kb.articles", async () =>
            {
                var created = await editing.CreateAsync(staff, DraftOf(body), call.Aborted);
                await refresher.RefreshAsync(call.Aborted);
                return WithETag(ApiResults.Created(Staff(editing, created)), created.ETag)
                    .WithHeader("Location", $"/api/staff/kb/articles/{created.Article.Slug}");
            });
        });

    [Function("StaffArticle")]
    [ApiOperation("An article to edit", Method = "get", Access = ApiAccess.Agent, Response = typeof(StaffArticleView))]
    [ApiOperation("Change an article", Method = "put", Access = ApiAccess.Agent, Request = typeof(ArticleRequest), Response = typeof(StaffArticleView), Headers = ApiHeaders.IfMatchRequired, Errors = [409])]
    [ApiOperation("Delete an article", Method = "delete", Access = ApiAccess.Agent, Status = 204, Headers = ApiHeaders.IfMatchRequired)]
    public Task<IActionResult> StaffArticle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", "delete", Route = "staff/kb/articles/{slug}")] HttpRequest request, string slug) =>
        pipeline.RunAsync(request, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AgentRole);
            if (HttpMethods.IsGet(request.Method))
            {
                var (stored, html) = await editing.ViewAsync(slug, call.Aborted);
                return NoStore(WithETag(ApiResults.Ok(KnowledgeJson.ForStaff(stored.Article, html, stored.ETag)), stored.ETag));
            }
            if (HttpMethods.IsDelete(request.Method))
            {
                await editing.DeleteAsync(slug, call.Header("If-Match"), call.Aborted);
                await refresher.RefreshAsync(call.Aborted);
                return ApiResults.NoContent();
            }
            var body = await call.ReadJsonAsync<ArticleRequest>();
            var saved = await editing.ReplaceAsync(staff, slug, DraftOf(body), call.Header("If-Match"), call.Aborted);
            await refresher.RefreshAsync(call.Aborted);
            return WithETag(ApiResults.Ok(Staff(editing, saved)), saved.ETag);
        });

    [Function("PreviewArticle")]
    [ApiOperation("Render Markdown as an article would show it", Access = ApiAccess.Agent, Request = typeof(PreviewRequest), Response = typeof(ArticlePreviewView))]
    public Task<IActionResult> PreviewArticle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/kb/preview")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AgentRole);
            var body = await call.ReadJsonAsync<PreviewRequest>();
            return NoStore(ApiResults.Ok(new ArticlePreviewView(editing.Preview(body.BodyMarkdown))));
        });

    [Function("ArticleStats")]
    [ApiOperation("Shown, opened and answered counts per article", Access = ApiAccess.Agent, Response = typeof(StatsView))]
    public Task<IActionResult> ArticleStats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/kb/stats")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            await call.RequireStaffAsync(StaffCaller.AgentRole);
            return NoStore(ApiResults.Ok(KnowledgeJson.ForStats(await editing.StatsAsync(call.Aborted))));
        });

    /// <summary>A public page: an expired session or token reads it as anyone would instead of failing with 401.</summary>
    private static async Task<Caller> ReaderAsync(ApiCall call)
    {
        try
        {
            return await call.CallerAsync();
        }
        catch (DomainException refused) when (refused.Kind == FailureKind.Unauthenticated)
        {
            return AnonymousCaller.Instance;
        }
    }

    private static StaffArticleView Staff(ArticleEditing editing, StoredArticle stored) =>
        KnowledgeJson.ForStaff(stored.Article, editing.Preview(stored.Article.BodyMarkdown), stored.ETag);

    private static ArticleDraft DraftOf(ArticleRequest body) =>
        new(body.Slug, body.Language, body.Title, body.BodyMarkdown, body.ProductIds, body.Published, body.TranslationOf);

    private static string? Optional(ApiCall call, string name) => call.Query(name) is { Length: > 0 } value ? value : null;

    private static int? Limit(ApiCall call) =>
        call.Query("limit") is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw DomainException.Validation("limit", "A whole number.")
            : null;

    private static ApiResult WithETag(ApiResult result, string etag) => result.WithHeader("ETag", etag);

    private static ApiResult NoStore(ApiResult result) => result.WithHeader("Cache-Control", "no-store");
}
