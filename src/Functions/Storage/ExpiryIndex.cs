using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// A due-date index of rows that stop mattering at a known time (single-use tokens, idempotency records).
/// Rows are ordered by due time inside one partition, so a purge reads only what is due.
/// The target row must carry an <c>ExpiresAt</c> property; a row whose expiry moved later is left alone.
/// </summary>
public sealed class ExpiryIndex(StorageClients storage, IClock clock)
{
    public const string TableName = "expirations";
    private const string Partition = "due";

    public async Task ScheduleAsync(string table, string partitionKey, string rowKey, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var index = await storage.TableAsync(TableName);
        var entry = new TableEntity(Partition, $"{expiresAt.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["TargetTable"] = table,
            ["TargetPartitionKey"] = partitionKey,
            ["TargetRowKey"] = rowKey,
        };
        await index.AddEntityAsync(entry, cancellationToken);
    }

    /// <returns>How many expired rows were deleted.</returns>
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var index = await storage.TableAsync(TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {$"{now.UtcTicks:D19}"}");
        var purged = 0;
        await foreach (var entry in index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (await DeleteTargetIfExpiredAsync(entry, now, cancellationToken))
            {
                purged++;
            }
            await index.DeleteEntityAsync(entry, ETag.All, cancellationToken);
        }
        return purged;
    }

    private async Task<bool> DeleteTargetIfExpiredAsync(TableEntity entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(entry.GetString("TargetTable"));
        var target = await table.GetEntityIfExistsAsync<TableEntity>(
            entry.GetString("TargetPartitionKey"), entry.GetString("TargetRowKey"), cancellationToken: cancellationToken);
        if (!target.HasValue || target.Value!.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt > now)
        {
            return false;
        }
        try
        {
            await table.DeleteEntityAsync(target.Value, target.Value.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status is 404 or 412)
        {
            return false;
        }
    }
}
