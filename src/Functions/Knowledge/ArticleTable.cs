using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>
/// Table <c>kbarticles</c>, one partition <c>kb</c>: <c>!version</c> (the change counter), <c>a-{slug}</c> (articles),
/// <c>c-{version}</c> (which slugs a commit changed). A commit writes its articles, moves the counter on with its ETag and
/// adds its change row in one entity-group transaction, so every instance can follow the changes with one range query.
/// An article is one point read; the whole knowledge base is one partition query.
/// </summary>
public sealed class ArticleTable(StorageClients storage) : IArticleStore
{
    public const string TableName = "kbarticles";
    private const string Partition = "kb";
    private const string VersionRow = "!version";
    private const string ArticlePrefix = "a-";
    private const string ChangePrefix = "c-";
    private const int CounterRaces = 10;

    public async Task<StoredArticle?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, ArticlePrefix + slug, cancellationToken: cancellationToken);
        return row.HasValue ? ArticleOf(row.Value!) : null;
    }

    private static readonly string[] ColumnsButBody = ["RowKey", "Language", "Title", "ProductIds", "Published", "Translations", "CreatedAt", "UpdatedAt", "UpdatedBy"];

    public async Task<IReadOnlyList<StoredArticle>> ListAsync(bool withBodies, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {ArticlePrefix} and RowKey lt {"a."}");
        var articles = new List<StoredArticle>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: withBodies ? null : ColumnsButBody, cancellationToken: cancellationToken))
        {
            articles.Add(ArticleOf(row));
        }
        return articles;
    }

    public async Task<IReadOnlyDictionary<string, string>> CommitAsync(IReadOnlyList<ArticleWrite> writes, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        for (var race = 1; ; race++)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionRow, cancellationToken: cancellationToken);
            var version = counter.HasValue ? counter.Value!.GetInt64("Version") ?? 0 : 0;
            var next = version + 1;
            var actions = new List<TableTransactionAction>
            {
                counter.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, new TableEntity(Partition, VersionRow) { ["Version"] = next }, counter.Value!.ETag)
                    : new(TableTransactionActionType.Add, new TableEntity(Partition, VersionRow) { ["Version"] = next }),
            };
            foreach (var write in writes)
            {
                var row = RowOf(write.Article, next);
                actions.Add(write switch
                {
                    { Delete: true } => new(TableTransactionActionType.Delete, row, new ETag(write.ExpectedETag!)),
                    { ExpectedETag: null } => new(TableTransactionActionType.Add, row),
                    _ => new(TableTransactionActionType.UpdateReplace, row, new ETag(write.ExpectedETag)),
                });
            }
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, ChangeKey(next))
            {
                ["Slugs"] = string.Join(',', writes.Select(w => w.Article.Slug)),
            }));
            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                var etags = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < writes.Count; i++)
                {
                    if (!writes[i].Delete)
                    {
                        etags[writes[i].Article.Slug] = response.Value[i + 1].Headers.ETag?.ToString() ?? "";
                    }
                }
                return etags;
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex is 0)
            {
                // Another commit moved the counter first; articles are unaffected, so count again.
                if (race >= CounterRaces)
                {
                    throw new DomainException(FailureKind.Conflict, "kb_busy", "Many articles are being saved at once. Try again in a moment.");
                }
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex is { } index && index >= 1 && index <= writes.Count)
            {
                var write = writes[index - 1];
                throw write.ExpectedETag is null && failed.Status == 409
                    ? new DomainException(FailureKind.Conflict, "slug_taken", $"An article with the slug {write.Article.Slug} exists already.")
                    : new DomainException(FailureKind.StaleVersion, "stale_version", "The article changed since you loaded it. Reload it and apply your change again.");
            }
        }
    }

    public async Task<ArticleChanges> ChangesAsync(long afterVersion, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and (RowKey eq {VersionRow} or (RowKey gt {ChangeKey(afterVersion)} and RowKey lt {"c."}))");
        long counter = 0, reached = afterVersion;
        var slugs = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == VersionRow)
            {
                counter = row.GetInt64("Version") ?? 0;
                continue;
            }
            reached = Math.Max(reached, long.Parse(row.RowKey[ChangePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture));
            slugs.AddRange((row.GetString("Slugs") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        return new ArticleChanges(reached, slugs.Distinct(StringComparer.Ordinal).ToList(), Reset: counter < afterVersion);
    }

    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var counter = await table.GetEntityIfExistsAsync<TableEntity>(Partition, VersionRow, cancellationToken: cancellationToken);
        return counter.HasValue ? counter.Value!.GetInt64("Version") ?? 0 : 0;
    }

    private static string ChangeKey(long version) => ChangePrefix + version.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity RowOf(Article article, long version) => new(Partition, ArticlePrefix + article.Slug)
    {
        ["Language"] = article.Language,
        ["Title"] = article.Title,
        ["Body"] = article.BodyMarkdown,
        ["ProductIds"] = string.Join(',', article.ProductIds),
        ["Published"] = article.Published,
        ["Translations"] = JsonSerializer.Serialize(article.Translations),
        ["CreatedAt"] = article.CreatedAt,
        ["UpdatedAt"] = article.UpdatedAt,
        ["UpdatedBy"] = article.UpdatedBy,
        ["Version"] = version,
    };

    private static StoredArticle ArticleOf(TableEntity row) => new(new Article(
        row.RowKey[ArticlePrefix.Length..],
        row.GetString("Language") ?? "ru",
        row.GetString("Title") ?? "",
        row.GetString("Body") ?? "",
        (row.GetString("ProductIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetBoolean("Published") ?? false,
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Translations") ?? "{}") ?? [],
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch,
        row.GetString("UpdatedBy") ?? ""), row.ETag.ToString());
}
