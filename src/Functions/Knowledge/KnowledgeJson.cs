using System.Text.Json.Serialization;
using SupportFunctions.Domain.Knowledge;

namespace SupportFunctions.Functions.Knowledge;

public sealed record ArticleRequest(string? Slug, string? Language, string? Title, string? BodyMarkdown, IReadOnlyList<string>? ProductIds, bool? Published, string? TranslationOf);
public sealed record FeedbackRequest(FeedbackEvent? Event, FeedbackSource? Source);
public sealed record PreviewRequest(string? BodyMarkdown);

public sealed record HitView(string Slug, string Title, string Snippet, double Score, string Language, IReadOnlyList<string> ProductIds);
public sealed record HitsView(IReadOnlyList<HitView> Items);
public sealed record PublicArticleView(string Slug, string Title, string BodyHtml, string Language, IReadOnlyList<string> ProductIds, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string> Translations, bool? Published);
public sealed record SummaryView(string Slug, string Title, string Language, IReadOnlyList<string> ProductIds, DateTimeOffset UpdatedAt);
public sealed record SummaryPageView(IReadOnlyList<SummaryView> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
public sealed record StaffArticleView(string Slug, string Language, string Title, string BodyMarkdown, string? BodyHtml, IReadOnlyList<string> ProductIds, bool Published,
    IReadOnlyDictionary<string, string> Translations, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UpdatedBy, string? Etag);
public sealed record StaffArticlesView(IReadOnlyList<StaffArticleView> Items);
public sealed record ArticlePreviewView(string BodyHtml);
public sealed record CountsView(long Shown, long Opened, long Answered);
public sealed record StatsItemView(string Slug, string? Title, string? Language, long Shown, long Opened, long Answered, CountsView Suggestion, CountsView Search);
public sealed record StatsView(IReadOnlyList<StatsItemView> Items, CountsView Suggestion, CountsView Search);

/// <summary>The knowledge base's JSON shapes (API.md "Knowledge base").</summary>
public static class KnowledgeJson
{
    public static HitsView ForHits(IReadOnlyList<ArticleHit> hits) =>
        new(hits.Select(h => new HitView(h.Slug, h.Title, h.Snippet, h.Score, h.Language, h.ProductIds)).ToList());

    public static PublicArticleView ForReader(PublicArticle found, bool forStaff) =>
        new(found.Article.Slug, found.Article.Title, found.BodyHtml, found.Article.Language, found.Article.ProductIds, found.Article.UpdatedAt,
            found.Translations, forStaff ? found.Article.Published : null);

    public static SummaryPageView ForList(ArticleSummaryPage page) =>
        new(page.Items.Select(a => new SummaryView(a.Slug, a.Title, a.Language, a.ProductIds, a.UpdatedAt)).ToList(), page.NextCursor);

    public static StaffArticleView ForStaff(Article article, string? bodyHtml, string? etag) =>
        new(article.Slug, article.Language, article.Title, article.BodyMarkdown, bodyHtml, article.ProductIds, article.Published, article.Translations,
            article.CreatedAt, article.UpdatedAt, article.UpdatedBy, etag);

    /// <summary>The desk's list leaves the bodies out.</summary>
    public static StaffArticlesView ForStaffList(IReadOnlyList<Article> articles) =>
        new(articles.Select(a => ForStaff(a with { BodyMarkdown = "" }, null, null)).ToList());

    public static StatsView ForStats(IReadOnlyList<ArticleStats> stats)
    {
        var items = stats.Select(s => new StatsItemView(s.Counts.Slug, s.Article?.Title, s.Article?.Language, s.Counts.Shown, s.Counts.Opened, s.Counts.Answered,
            new CountsView(s.Counts.ShownBySuggestion, s.Counts.OpenedBySuggestion, s.Counts.AnsweredBySuggestion),
            new CountsView(s.Counts.ShownBySearch, s.Counts.OpenedBySearch, s.Counts.AnsweredBySearch))).ToList();
        return new StatsView(items,
            new CountsView(items.Sum(i => i.Suggestion.Shown), items.Sum(i => i.Suggestion.Opened), items.Sum(i => i.Suggestion.Answered)),
            new CountsView(items.Sum(i => i.Search.Shown), items.Sum(i => i.Search.Opened), items.Sum(i => i.Search.Answered)));
    }
}
