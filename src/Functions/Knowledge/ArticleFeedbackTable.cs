using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>
/// Table <c>kbfeedback</c>, one partition <c>counts</c>, row key <c>{slug}.{shard}</c>: each count goes to one of a few
/// shards, ETag-incremented, so a popular article's counts do not queue behind one row. The stats page is one query.
/// </summary>
public sealed class ArticleFeedbackTable(StorageClients storage) : IArticleFeedback
{
    public const string TableName = "kbfeedback";
    private const string Partition = "counts";
    private const int Shards = 4;
    private const int Attempts = 12;

    public async Task CountAsync(string slug, FeedbackEvent feedbackEvent, FeedbackSource source, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var column = Column(feedbackEvent, source);
        for (var attempt = 1; ; attempt++)
        {
            var key = $"{slug}.{Random.Shared.Next(Shards)}";
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
            try
            {
                if (!row.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(Partition, key) { ["Slug"] = slug, [column] = 1L }, cancellationToken);
                }
                else
                {
                    var entity = row.Value!;
                    var update = new TableEntity(Partition, key) { [column] = (entity.GetInt64(column) ?? 0) + 1 };
                    await table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412 && attempt < Attempts)
            {
            }
        }
    }

    public async Task<IReadOnlyList<FeedbackCounts>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var totals = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            var slug = row.GetString("Slug") ?? row.RowKey[..row.RowKey.LastIndexOf('.')];
            if (!totals.TryGetValue(slug, out var sums))
            {
                totals[slug] = sums = new long[6];
            }
            var i = 0;
            foreach (var source in new[] { FeedbackSource.Suggestion, FeedbackSource.Search })
            {
                foreach (var feedbackEvent in new[] { FeedbackEvent.Shown, FeedbackEvent.Opened, FeedbackEvent.Answered })
                {
                    sums[i++] += row.GetInt64(Column(feedbackEvent, source)) ?? 0;
                }
            }
        }
        return totals.Select(t => new FeedbackCounts(t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4], t.Value[5])).ToList();
    }

    private static string Column(FeedbackEvent feedbackEvent, FeedbackSource source) => $"{feedbackEvent}By{source}";
}
