using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Knowledge;

public sealed record ArticleStats(ArticleSummary? Article, FeedbackCounts Counts);

/// <summary>Agents write, publish, link and delete articles; every change is one atomic commit of the rows it touches.</summary>
public sealed class ArticleEditing(IArticleStore store, IArticleRenderer renderer, IArticleFeedback feedback, ICatalogue catalogue, IClock clock)
{
    private const int GeneratedSlugAttempts = 5;

    public async Task<StoredArticle> CreateAsync(StaffCaller staff, ArticleDraft draft, CancellationToken cancellationToken)
    {
        var checkedDraft = ArticleRules.Check(draft, await KnownProductsAsync(cancellationToken));
        var baseSlug = checkedDraft.Slug ?? ArticleRules.SlugFrom(checkedDraft.Title);
        for (var attempt = 1; ; attempt++)
        {
            var slug = attempt == 1 ? baseSlug : $"{baseSlug}-{attempt}";
            var now = clock.UtcNow;
            var article = new Article(slug, checkedDraft.Language, checkedDraft.Title, checkedDraft.BodyMarkdown, checkedDraft.ProductIds,
                checkedDraft.Published, new Dictionary<string, string>(), now, now, staff.Name);
            try
            {
                return await CommitAsync(article, null, null, checkedDraft.TranslationOf, cancellationToken);
            }
            catch (DomainException conflict) when (conflict.Code == "slug_taken" && checkedDraft.Slug is null && attempt < GeneratedSlugAttempts)
            {
            }
        }
    }

    public async Task<StoredArticle> ReplaceAsync(StaffCaller staff, string slug, ArticleDraft draft, string? ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            throw new DomainException(FailureKind.PreconditionRequired, "if_match_required",
                "Send the article's ETag in If-Match, so a change made meanwhile is not overwritten.");
        }
        var stored = await LoadAsync(slug, cancellationToken);
        EnsureCurrent(stored, ifMatch);
        if (draft.Slug is not null && draft.Slug != slug)
        {
            throw DomainException.Validation("slug", "A slug never changes; create a new article instead.");
        }
        var checkedDraft = ArticleRules.Check(draft with { Slug = null }, await KnownProductsAsync(cancellationToken));
        var before = stored.Article;
        var article = before with
        {
            Language = checkedDraft.Language,
            Title = checkedDraft.Title,
            BodyMarkdown = checkedDraft.BodyMarkdown,
            ProductIds = checkedDraft.ProductIds,
            Published = checkedDraft.Published,
            UpdatedAt = clock.UtcNow,
            UpdatedBy = staff.Name,
        };
        var link = checkedDraft.TranslationOf ?? (before.Language == article.Language ? PartnerOf(before) : "");
        return await CommitAsync(article, before, stored.ETag, link, cancellationToken);
    }

    public async Task DeleteAsync(string slug, string? ifMatch, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(slug, cancellationToken);
        if (!string.IsNullOrEmpty(ifMatch))
        {
            EnsureCurrent(stored, ifMatch);
        }
        var writes = new List<ArticleWrite> { new(stored.Article, stored.ETag, Delete: true) };
        if (await PartnerAsync(stored.Article, cancellationToken) is { } partner)
        {
            writes.Add(Unlinked(partner, stored.Article.Language));
        }
        await store.CommitAsync(writes, cancellationToken);
    }

    public async Task<(StoredArticle Stored, string BodyHtml)> ViewAsync(string slug, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(slug, cancellationToken);
        return (stored, renderer.ToHtml(stored.Article.BodyMarkdown));
    }

    public async Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(withBodies: false, cancellationToken)).Select(s => s.Article).OrderByDescending(a => a.UpdatedAt).ToList();

    /// <summary>The preview renders exactly as the published page will.</summary>
    public string Preview(string? markdown)
    {
        new Validator().MaxLength("bodyMarkdown", markdown, ArticleRules.MaxBodyLength).ThrowIfInvalid();
        return renderer.ToHtml(markdown ?? "");
    }

    /// <summary>Counts of every article that has any, with the article when it still exists; most answered first.</summary>
    public async Task<IReadOnlyList<ArticleStats>> StatsAsync(CancellationToken cancellationToken)
    {
        var countsTask = feedback.ListAsync(cancellationToken);
        var articles = (await store.ListAsync(withBodies: false, cancellationToken)).ToDictionary(s => s.Article.Slug, s => s.Article, StringComparer.Ordinal);
        var counts = (await countsTask).ToDictionary(c => c.Slug, StringComparer.Ordinal);
        var none = new Func<string, FeedbackCounts>(slug => new FeedbackCounts(slug, 0, 0, 0, 0, 0, 0));
        return articles.Keys.Union(counts.Keys)
            .Select(slug => new ArticleStats(
                articles.TryGetValue(slug, out var a) ? new ArticleSummary(a.Slug, a.Title, a.Language, a.ProductIds, a.UpdatedAt) : null,
                counts.GetValueOrDefault(slug) ?? none(slug)))
            .OrderByDescending(s => s.Counts.Answered).ThenByDescending(s => s.Counts.Opened).ThenByDescending(s => s.Counts.Shown)
            .ThenBy(s => s.Counts.Slug, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Writes the article and brings the translation links of up to three other articles in line:
    /// <paramref name="link"/> is the partner's slug, "" for none.
    /// </summary>
    private async Task<StoredArticle> CommitAsync(Article article, Article? before, string? etag, string? link, CancellationToken cancellationToken)
    {
        var writes = new List<ArticleWrite>();
        var translations = new Dictionary<string, string>(StringComparer.Ordinal);
        var oldPartner = before is null ? null : await PartnerAsync(before, cancellationToken);
        StoredArticle? newPartner = null;
        if (!string.IsNullOrEmpty(link))
        {
            newPartner = await store.FindAsync(link, cancellationToken);
            var validator = new Validator();
            validator.Check(newPartner is not null, "translationOf", "No article has that slug.");
            validator.Check(newPartner is null || newPartner.Article.Language != article.Language, "translationOf", "The translation must be in the other language.");
            validator.Check(link != article.Slug, "translationOf", "An article is not its own translation.");
            validator.ThrowIfInvalid();
            translations[newPartner!.Article.Language] = newPartner.Article.Slug;
        }
        if (oldPartner is not null && oldPartner.Article.Slug != newPartner?.Article.Slug)
        {
            writes.Add(Unlinked(oldPartner, before!.Language));
        }
        if (newPartner is not null)
        {
            var partner = newPartner.Article;
            if (partner.Translations.GetValueOrDefault(article.Language) is { } previous && previous != article.Slug
                && await store.FindAsync(previous, cancellationToken) is { } abandoned)
            {
                writes.Add(Unlinked(abandoned, partner.Language));
            }
            if (partner.Translations.GetValueOrDefault(article.Language) != article.Slug || oldPartner?.Article.Slug != partner.Slug)
            {
                var linked = new Dictionary<string, string>(partner.Translations.Where(t => t.Key != before?.Language), StringComparer.Ordinal)
                {
                    [article.Language] = article.Slug,
                };
                writes.Add(new ArticleWrite(partner with { Translations = linked }, newPartner.ETag));
            }
        }
        var saved = article with { Translations = translations };
        writes.Insert(0, new ArticleWrite(saved, etag));
        var etags = await store.CommitAsync(writes, cancellationToken);
        return new StoredArticle(saved, etags[saved.Slug]);
    }

    private async Task<StoredArticle?> PartnerAsync(Article article, CancellationToken cancellationToken) =>
        PartnerOf(article) is { } slug ? await store.FindAsync(slug, cancellationToken) : null;

    private static string? PartnerOf(Article article) => article.Translations.Values.FirstOrDefault();

    private static ArticleWrite Unlinked(StoredArticle partner, string language) =>
        new(partner.Article with
        {
            Translations = new Dictionary<string, string>(partner.Article.Translations.Where(t => t.Key != language), StringComparer.Ordinal),
        }, partner.ETag);

    private async Task<StoredArticle> LoadAsync(string slug, CancellationToken cancellationToken) =>
        (ArticleRules.IsSlug(slug) ? await store.FindAsync(slug, cancellationToken) : null) ?? throw DomainException.NotFound("article");

    private static void EnsureCurrent(StoredArticle stored, string ifMatch)
    {
        if (stored.ETag != ifMatch)
        {
            throw StaleArticle();
        }
    }

    internal static DomainException StaleArticle() =>
        new(FailureKind.StaleVersion, "stale_version", "The article changed since you loaded it. Reload it and apply your change again.");

    private async Task<IReadOnlySet<string>> KnownProductsAsync(CancellationToken cancellationToken) =>
        (await catalogue.ProductsAsync(cancellationToken)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
}
