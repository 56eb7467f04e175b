using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Knowledge;

public sealed record PublicArticle(Article Article, string BodyHtml, IReadOnlyDictionary<string, string> Translations, string ETag);

/// <summary>What anyone may do with the knowledge base: search, get suggestions, read published articles, say what helped.</summary>
public sealed class KnowledgeBase(IArticleStore store, IArticleSearch search, IArticleRenderer renderer, IArticleFeedback feedback, IThrottle throttle)
{
    public const int DefaultSearchLimit = 10;
    public const int MaxSearchLimit = 50;
    public const int SuggestionLimit = 5;
    public const int DefaultListLimit = 50;
    public const int MaxListLimit = 200;

    /// <summary>Longer input is cut here, not refused: a search box or a half-written ticket never fails.</summary>
    public const int MaxQueryLength = 2_000;

    private static readonly ThrottlePolicy FeedbackPolicy = new("kb.feedback", 600, TimeSpan.FromMinutes(10));

    public Task<IReadOnlyList<ArticleHit>> SearchAsync(string? text, string? language, string? productId, int? limit, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Check(language is null || ArticleLanguages.IsKnown(language), "lang", "ru or en.");
        validator.Check(limit is null or >= 1 and <= MaxSearchLimit, "limit", $"From 1 to {MaxSearchLimit}.");
        validator.ThrowIfInvalid();
        return QueryAsync(new ArticleQuery(Cut(text), language, productId, limit ?? DefaultSearchLimit, SearchPurpose.Search), cancellationToken);
    }

    public Task<IReadOnlyList<ArticleHit>> SuggestAsync(string? text, string? productId, CancellationToken cancellationToken) =>
        QueryAsync(new ArticleQuery(Cut(text), null, productId, SuggestionLimit, SearchPurpose.Suggestion), cancellationToken);

    public Task<ArticleSummaryPage> ListAsync(string? language, string? productId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Check(language is null || ArticleLanguages.IsKnown(language), "lang", "ru or en.");
        validator.Check(limit is null or >= 1 and <= MaxListLimit, "limit", $"From 1 to {MaxListLimit}.");
        validator.ThrowIfInvalid();
        return search.ListAsync(language, productId, cursor, limit ?? DefaultListLimit, cancellationToken);
    }

    /// <summary>A published article for anyone; drafts too for agents. Customers see only links to published translations.</summary>
    public async Task<PublicArticle> ArticleAsync(Caller caller, string slug, CancellationToken cancellationToken)
    {
        var stored = ArticleRules.IsSlug(slug) ? await store.FindAsync(slug, cancellationToken) : null;
        var isAgent = caller is StaffCaller { IsAgent: true };
        if (stored is null || (!stored.Article.Published && !isAgent))
        {
            throw DomainException.NotFound("article");
        }
        var translations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, partner) in stored.Article.Translations)
        {
            if (isAgent || await search.FindAsync(partner, cancellationToken) is not null)
            {
                translations[language] = partner;
            }
        }
        return new PublicArticle(stored.Article, renderer.ToHtml(stored.Article.BodyMarkdown), translations, stored.ETag);
    }

    public async Task FeedbackAsync(string slug, FeedbackEvent? feedbackEvent, FeedbackSource? source, string clientAddress, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Check(feedbackEvent is not null, "event", "shown, opened or answered.");
        validator.Check(source is not null, "source", "suggestion or search.");
        validator.ThrowIfInvalid();
        if (!ArticleRules.IsSlug(slug) || await search.FindAsync(slug, cancellationToken) is null)
        {
            throw DomainException.NotFound("article");
        }
        await throttle.HitAsync(FeedbackPolicy, clientAddress, cancellationToken);
        await feedback.CountAsync(slug, feedbackEvent!.Value, source!.Value, cancellationToken);
    }

    private async Task<IReadOnlyList<ArticleHit>> QueryAsync(ArticleQuery query, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(query.Text) ? [] : await search.SearchAsync(query, cancellationToken);

    private static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxQueryLength ? text : text[..MaxQueryLength];
}
