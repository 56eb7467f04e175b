namespace SupportFunctions.Domain.Knowledge;

/// <summary>
/// One row of an atomic article commit. <see cref="ExpectedETag"/> null means insert (the slug must be free);
/// otherwise the row must still carry that ETag. <see cref="Delete"/> removes the row.
/// </summary>
public sealed record ArticleWrite(Article Article, string? ExpectedETag, bool Delete = false);

/// <summary>Articles changed after a version of the store; <see cref="Reset"/> says the store is behind it (wiped), so rebuild.</summary>
public sealed record ArticleChanges(long Version, IReadOnlyList<string> Slugs, bool Reset);

/// <summary>Port: where articles live. Every commit is atomic and moves the store's change version on.</summary>
public interface IArticleStore
{
    Task<StoredArticle?> FindAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Every article, published or not; without <paramref name="withBodies"/> the Markdown is left in storage (the desk's list, stats).</summary>
    Task<IReadOnlyList<StoredArticle>> ListAsync(bool withBodies, CancellationToken cancellationToken);

    /// <summary>
    /// Commits every write or none; returns the new ETag of each written row by slug. Throws a Conflict
    /// <c>slug_taken</c> when an insert finds the slug used and a StaleVersion <c>stale_version</c> when an ETag no longer matches.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> CommitAsync(IReadOnlyList<ArticleWrite> writes, CancellationToken cancellationToken);

    /// <summary>The slugs changed after <paramref name="afterVersion"/> and the version they bring the reader to.</summary>
    Task<ArticleChanges> ChangesAsync(long afterVersion, CancellationToken cancellationToken);

    /// <summary>The store's change version now (read before a full listing, so later changes are not missed).</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken);
}

/// <summary>Port: Markdown to sanitised HTML for pages, and to plain text for the index and its snippets.</summary>
public interface IArticleRenderer
{
    string ToHtml(string markdown);

    string ToPlainText(string markdown);
}

public enum SearchPurpose
{
    /// <summary>A visitor's query in the search box.</summary>
    Search,

    /// <summary>What a customer has typed so far into a ticket's subject and description.</summary>
    Suggestion,
}

public sealed record ArticleQuery(string Text, string? Language, string? ProductId, int Limit, SearchPurpose Purpose);

/// <summary>A found article. <see cref="Snippet"/> is HTML-escaped text with matches wrapped in &lt;mark&gt;.</summary>
public sealed record ArticleHit(string Slug, string Title, string Snippet, double Score, string Language, IReadOnlyList<string> ProductIds);

public sealed record ArticleSummary(string Slug, string Title, string Language, IReadOnlyList<string> ProductIds, DateTimeOffset UpdatedAt);

public sealed record ArticleSummaryPage(IReadOnlyList<ArticleSummary> Items, string? NextCursor);

/// <summary>
/// Port: the search over published articles, kept by each instance (Lucene.Net in memory today; Azure AI Search
/// could answer the same calls). It never fails on what a visitor typed.
/// </summary>
public interface IArticleSearch
{
    Task<IReadOnlyList<ArticleHit>> SearchAsync(ArticleQuery query, CancellationToken cancellationToken);

    /// <summary>Published articles, newest update first; <paramref name="cursor"/> is the previous page's <c>NextCursor</c>.</summary>
    Task<ArticleSummaryPage> ListAsync(string? language, string? productId, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>The published article of that slug as the index knows it, or null.</summary>
    Task<ArticleSummary?> FindAsync(string slug, CancellationToken cancellationToken);
}

/// <summary>Port: deflection counters per article.</summary>
public interface IArticleFeedback
{
    Task CountAsync(string slug, FeedbackEvent feedbackEvent, FeedbackSource source, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedbackCounts>> ListAsync(CancellationToken cancellationToken);
}
