using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Knowledge;

namespace SupportFunctions.Functions.Knowledge;

public sealed class KnowledgeOptions
{
    public const string Section = "Kb";

    /// <summary>How often each instance looks for article changes made anywhere (one range query on the change rows).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps this instance's index in step with storage: a full build at start-up (and whenever the store's change counter
/// is behind what the index has seen, as after a wipe), then every <see cref="KnowledgeOptions.RefreshInterval"/> only the
/// articles the change rows name. An edit on this instance refreshes at once; other instances follow within the interval.
/// </summary>
public sealed partial class ArticleIndexRefresher(
    IArticleStore store, LuceneArticleIndex index, IArticleRenderer renderer, KnowledgeOptions options, ILogger<ArticleIndexRefresher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private long _version = -1;

    /// <summary>Brings the index up to storage now (after an edit on this instance); waits for a refresh already running.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (_version < 0)
            {
                await RebuildAsync(cancellationToken);
                return;
            }
            var changes = await store.ChangesAsync(_version, cancellationToken);
            if (changes.Reset)
            {
                LogReset(_version);
                await RebuildAsync(cancellationToken);
                return;
            }
            if (changes.Slugs.Count == 0)
            {
                return;
            }
            var upserts = new List<IndexedArticle>();
            var removals = new List<string>();
            foreach (var slug in changes.Slugs)
            {
                if (await store.FindAsync(slug, cancellationToken) is { Article.Published: true } stored)
                {
                    upserts.Add(Indexed(stored.Article));
                }
                else
                {
                    removals.Add(slug);
                }
            }
            index.Apply(upserts, removals);
            _version = changes.Version;
            LogApplied(upserts.Count, removals.Count, _version);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var version = await store.VersionAsync(cancellationToken);
        var published = (await store.ListAsync(withBodies: true, cancellationToken)).Where(s => s.Article.Published).Select(s => Indexed(s.Article)).ToList();
        index.Replace(published);
        _version = version;
        LogBuilt(published.Count, version, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    private IndexedArticle Indexed(Article article) =>
        new(article.Slug, article.Language, article.Title, renderer.ToPlainText(article.BodyMarkdown), article.ProductIds, article.UpdatedAt);

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the knowledge-base index: {Articles} published articles at version {Version} in {ElapsedMs:0} ms")]
    private partial void LogBuilt(int articles, long version, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge-base index brought to version {Version}: {Upserted} articles indexed, {Removed} removed")]
    private partial void LogApplied(int upserted, int removed, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The article store is behind version {Version} the index had seen; rebuilding the index")]
    private partial void LogReset(long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the knowledge-base index failed; the next tick tries again")]
    private partial void LogFailed(Exception failure);
}
