using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Knowledge;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>A published article as the index holds it: the text is the Markdown made plain.</summary>
public sealed record IndexedArticle(string Slug, string Language, string Title, string PlainText, IReadOnlyList<string> ProductIds, DateTimeOffset UpdatedAt);

/// <summary>
/// The in-memory Lucene.Net index of published articles on this instance. A full build fills a new directory while
/// searches keep reading the old one, then swaps; single changes update the current one in place (near-real-time reader).
/// Queries are built from analysed terms, never parsed, so nothing a visitor types is syntax.
/// </summary>
public sealed class LuceneArticleIndex : IArticleSearch, IDisposable
{
    public const float TitleBoost = 4f;
    public const int MaxQueryTerms = 48;
    private const int SnippetLength = 180;
    private const int MaxCharsToHighlight = 20_000;
    private const int MinPrefixLength = 3;

    private const string SlugField = "slug";
    private const string LanguageField = "lang";
    private const string ProductField = "product";
    private const string TitleField = "title";
    private const string BodyField = "body";

    private static readonly TimeSpan FirstBuildWait = TimeSpan.FromSeconds(10);

    private readonly ArticleAnalyzer _analyzer = new();
    private readonly object _writeGate = new();
    private readonly TaskCompletionSource _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Generation _current;

    public LuceneArticleIndex()
    {
        _current = new Generation(_analyzer, []);
    }

    public bool IsBuilt => _built.Task.IsCompleted;

    public int Count => Volatile.Read(ref _current).Published.Count;

    /// <summary>Builds a new index from every published article and swaps it in; searches meanwhile answer from the old one.</summary>
    public void Replace(IEnumerable<IndexedArticle> articles)
    {
        lock (_writeGate)
        {
            var next = new Generation(_analyzer, articles);
            var previous = Interlocked.Exchange(ref _current, next);
            previous.Dispose();
        }
        _built.TrySetResult();
    }

    /// <summary>Adds or replaces <paramref name="upserts"/> and drops <paramref name="removals"/> (unpublished or deleted).</summary>
    public void Apply(IReadOnlyCollection<IndexedArticle> upserts, IReadOnlyCollection<string> removals)
    {
        lock (_writeGate)
        {
            Volatile.Read(ref _current).Apply(upserts, removals);
        }
    }

    public async Task<IReadOnlyList<ArticleHit>> SearchAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        await WaitForFirstBuildAsync(cancellationToken);
        var terms = AnalysedTerms(query.Text);
        var partial = query.Purpose == SearchPurpose.Suggestion ? WordBeingTyped(query.Text) : null;
        if (terms.Count == 0 && partial is null)
        {
            return [];
        }
        var textQuery = new BooleanQuery();
        foreach (var term in terms)
        {
            var either = new BooleanQuery(disableCoord: true)
            {
                { new TermQuery(new Term(TitleField, term)) { Boost = TitleBoost }, Occur.SHOULD },
                { new TermQuery(new Term(BodyField, term)), Occur.SHOULD },
            };
            textQuery.Add(either, Occur.SHOULD);
        }
        if (partial is not null)
        {
            textQuery.Add(new BooleanQuery(disableCoord: true)
            {
                { new PrefixQuery(new Term(TitleField, partial)) { Boost = TitleBoost / 2 }, Occur.SHOULD },
                { new PrefixQuery(new Term(BodyField, partial)) { Boost = 0.5f }, Occur.SHOULD },
            }, Occur.SHOULD);
        }
        var filter = FilterOf(query.Language, query.ProductId);
        return WithSearcher((searcher, published) =>
        {
            var top = searcher.Search(textQuery, filter, query.Limit);
            var hits = new List<ArticleHit>(top.ScoreDocs.Length);
            var scorer = new QueryScorer(textQuery, BodyField);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new EscapingEncoder(), scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetLength),
                MaxDocCharsToAnalyze = MaxCharsToHighlight,
            };
            foreach (var scoreDoc in top.ScoreDocs)
            {
                var document = searcher.Doc(scoreDoc.Doc);
                if (published.GetValueOrDefault(document.Get(SlugField)) is not { } summary)
                {
                    continue;
                }
                var body = document.Get(BodyField) ?? "";
                var snippet = highlighter.GetBestFragment(_analyzer, BodyField, body) is { Length: > 0 } fragment
                    ? fragment.Trim()
                    : Opening(body);
                hits.Add(new ArticleHit(summary.Slug, summary.Title, snippet, Math.Round(scoreDoc.Score, 4), summary.Language, summary.ProductIds));
            }
            return (IReadOnlyList<ArticleHit>)hits;
        });
    }

    public async Task<ArticleSummaryPage> ListAsync(string? language, string? productId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        await WaitForFirstBuildAsync(cancellationToken);
        var after = ListCursor.Parse(cursor);
        var matching = Volatile.Read(ref _current).NewestFirst()
            .Where(a => (language is null || a.Language == language) && (productId is null || a.ProductIds.Contains(productId)))
            .SkipWhile(a => after is not null && !ListCursor.IsAfter(a, after.Value))
            .Take(limit + 1)
            .ToList();
        var page = matching.Take(limit).ToList();
        return new ArticleSummaryPage(page, matching.Count > limit ? ListCursor.Of(page[^1]) : null);
    }

    public async Task<ArticleSummary?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        await WaitForFirstBuildAsync(cancellationToken);
        return Volatile.Read(ref _current).Published.GetValueOrDefault(slug);
    }

    /// <summary>The distinct analysed terms of the text, in order, at most <see cref="MaxQueryTerms"/>.</summary>
    public IReadOnlyList<string> AnalysedTerms(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(BodyField, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxQueryTerms)
        {
            var value = term.ToString();
            if (!terms.Contains(value, StringComparer.Ordinal))
            {
                terms.Add(value);
            }
        }
        stream.End();
        return terms;
    }

    /// <summary>
    /// The word a customer is still typing at the end of a suggestion's text (no space after it yet), lower-cased with ё as е,
    /// or null when the text ends between words or the word is shorter than three letters.
    /// </summary>
    internal static string? WordBeingTyped(string text)
    {
        var end = text.Length;
        var start = end;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }
        return end - start >= MinPrefixLength
            ? text[start..end].ToLowerInvariant().Replace('ё', 'е')
            : null;
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            _current.Dispose();
        }
        _analyzer.Dispose();
    }

    private async Task WaitForFirstBuildAsync(CancellationToken cancellationToken)
    {
        if (_built.Task.IsCompleted)
        {
            return;
        }
        try
        {
            await _built.Task.WaitAsync(FirstBuildWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new DomainException(FailureKind.Unavailable, "kb_index_unavailable", "The knowledge base is still loading. Try again in a moment.")
            {
                RetryAfter = TimeSpan.FromSeconds(5),
            };
        }
    }

    /// <summary>Runs a search on the current generation; a generation swapped out and closed under us is simply retried on the new one.</summary>
    private T WithSearcher<T>(Func<IndexSearcher, ImmutableDictionary<string, ArticleSummary>, T> search)
    {
        while (true)
        {
            var generation = Volatile.Read(ref _current);
            IndexSearcher searcher;
            try
            {
                searcher = generation.Searchers.Acquire();
            }
            catch (ObjectDisposedException)
            {
                continue;
            }
            try
            {
                return search(searcher, generation.Published);
            }
            finally
            {
                generation.Searchers.Release(searcher);
            }
        }
    }

    private static Filter? FilterOf(string? language, string? productId)
    {
        if (language is null && string.IsNullOrEmpty(productId))
        {
            return null;
        }
        var must = new BooleanQuery();
        if (language is not null)
        {
            must.Add(new TermQuery(new Term(LanguageField, language)), Occur.MUST);
        }
        if (!string.IsNullOrEmpty(productId))
        {
            must.Add(new TermQuery(new Term(ProductField, productId)), Occur.MUST);
        }
        return new QueryWrapperFilter(must);
    }

    /// <summary>The snippet when only the title matched: the article's first words, escaped.</summary>
    private static string Opening(string body)
    {
        if (body.Length <= SnippetLength)
        {
            return WebUtility.HtmlEncode(body);
        }
        var cut = body.LastIndexOf(' ', SnippetLength);
        return WebUtility.HtmlEncode(body[..(cut > SnippetLength / 2 ? cut : SnippetLength)]) + "…";
    }

    private static Document DocumentOf(IndexedArticle article)
    {
        var document = new Document
        {
            new StringField(SlugField, article.Slug, Field.Store.YES),
            new StringField(LanguageField, article.Language, Field.Store.NO),
            new TextField(TitleField, article.Title, Field.Store.NO),
            new TextField(BodyField, article.PlainText, Field.Store.YES),
        };
        foreach (var product in article.ProductIds)
        {
            document.Add(new StringField(ProductField, product, Field.Store.NO));
        }
        return document;
    }

    private static ArticleSummary SummaryOf(IndexedArticle article) =>
        new(article.Slug, article.Title, article.Language, article.ProductIds, article.UpdatedAt);

    /// <summary>One index directory with its writer, near-real-time searchers and the published articles' summaries.</summary>
    private sealed class Generation : IDisposable
    {
        private readonly IndexWriter _writer;
        private ArticleSummary[]? _newestFirst;

        public Generation(ArticleAnalyzer analyzer, IEnumerable<IndexedArticle> articles)
        {
            var directory = new RAMDirectory();
            _writer = new IndexWriter(directory, new IndexWriterConfig(ArticleAnalyzer.Version, analyzer) { OpenMode = OpenMode.CREATE });
            var published = ImmutableDictionary.CreateBuilder<string, ArticleSummary>(StringComparer.Ordinal);
            foreach (var article in articles)
            {
                _writer.UpdateDocument(new Term(SlugField, article.Slug), DocumentOf(article));
                published[article.Slug] = SummaryOf(article);
            }
            _writer.Commit();
            Published = published.ToImmutable();
            Searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        }

        public SearcherManager Searchers { get; }

        public ImmutableDictionary<string, ArticleSummary> Published { get; private set; }

        public void Apply(IReadOnlyCollection<IndexedArticle> upserts, IReadOnlyCollection<string> removals)
        {
            foreach (var article in upserts)
            {
                _writer.UpdateDocument(new Term(SlugField, article.Slug), DocumentOf(article));
            }
            foreach (var slug in removals)
            {
                _writer.DeleteDocuments(new Term(SlugField, slug));
            }
            Searchers.MaybeRefreshBlocking();
            Published = Published.SetItems(upserts.Select(a => KeyValuePair.Create(a.Slug, SummaryOf(a)))).RemoveRange(removals);
            _newestFirst = null;
        }

        public IReadOnlyList<ArticleSummary> NewestFirst()
        {
            var sorted = _newestFirst;
            if (sorted is null)
            {
                sorted = Published.Values.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Slug, StringComparer.Ordinal).ToArray();
                _newestFirst = sorted;
            }
            return sorted;
        }

        public void Dispose()
        {
            Searchers.Dispose();
            _writer.Dispose();
        }
    }

    /// <summary>Snippet text is HTML-escaped as the contract says; only the formatter's &lt;mark&gt; is markup.</summary>
    private sealed class EscapingEncoder : IEncoder
    {
        public string EncodeText(string originalText) => WebUtility.HtmlEncode(originalText);
    }

    /// <summary>The opaque list cursor: the last item's update time and slug, the list's sort key.</summary>
    private static class ListCursor
    {
        public static string Of(ArticleSummary last) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.Slug}"))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (long Ticks, string Slug)? Parse(string? cursor)
        {
            if (string.IsNullOrEmpty(cursor))
            {
                return null;
            }
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|', 2);
                if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    return (ticks, parts[1]);
                }
            }
            catch (FormatException)
            {
            }
            throw DomainException.Validation("cursor", "Not a cursor this list gave out.");
        }

        /// <summary>Whether the article sorts after the cursor's item (newest first, then by slug).</summary>
        public static bool IsAfter(ArticleSummary article, (long Ticks, string Slug) cursor) =>
            article.UpdatedAt.UtcTicks < cursor.Ticks
            || (article.UpdatedAt.UtcTicks == cursor.Ticks && string.CompareOrdinal(article.Slug, cursor.Slug) > 0);
    }
}
