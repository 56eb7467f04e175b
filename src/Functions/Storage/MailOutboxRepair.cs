using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Functions.Storage;

/// <summary>A table that keeps a mail outbox: turns its outbox rows (all from one partition) back into the notifications they stand for.</summary>
public interface IMailOutboxTable
{
    string TableName { get; }

    /// <returns>The notifications to queue; a row that no longer leads to a mail (its recipient is gone) yields none and is still deleted.</returns>
    Task<IReadOnlyList<Notification>> ComposeAsync(string partitionKey, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken);
}

/// <summary>
/// Queues outbox mail whose request died between committing the change and queuing it. Reads only the due entries of
/// <see cref="MailOutbox"/>; for each, one single-partition prefix query finds the rows still there, which are queued
/// (delivery is idempotent per notification id, so a mail the request did queue is not sent twice) and deleted.
/// The entry goes last, so a failure leaves it for the next run.
/// </summary>
public sealed partial class MailOutboxRepair(
    StorageClients storage, IEnumerable<IMailOutboxTable> tables, INotificationQueue queue, IClock clock, ILogger<MailOutboxRepair> logger)
{
    private readonly Dictionary<string, IMailOutboxTable> _tables = tables.ToDictionary(t => t.TableName, StringComparer.Ordinal);

    /// <returns>How many mails were queued.</returns>
    public async Task<int> RepairDueAsync(CancellationToken cancellationToken)
    {
        var index = await storage.TableAsync(MailOutbox.TableName);
        var now = $"{clock.UtcNow.UtcTicks:D19}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MailOutbox.Partition} and RowKey lt {now}");
        var queued = 0;
        await foreach (var entry in index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            try
            {
                queued += await RepairAsync(entry, cancellationToken);
                await index.DeleteEntityAsync(entry, ETag.All, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogEntryFailed(failure, entry.RowKey, entry.GetString("TargetTable"));
            }
        }
        return queued;
    }

    private async Task<int> RepairAsync(TableEntity entry, CancellationToken cancellationToken)
    {
        var tableName = entry.GetString("TargetTable") ?? "";
        if (!_tables.TryGetValue(tableName, out var outbox))
        {
            throw new InvalidOperationException($"No outbox is registered for table '{tableName}'.");
        }
        var partitionKey = entry.GetString("TargetPartitionKey") ?? "";
        var prefix = entry.GetString("TargetRowKeyPrefix") ?? "";
        if (prefix.Length == 0)
        {
            throw new InvalidOperationException("An outbox entry without a row-key prefix.");
        }
        var table = await storage.TableAsync(tableName);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        var mails = await outbox.ComposeAsync(partitionKey, rows, cancellationToken);
        foreach (var mail in mails)
        {
            await queue.EnqueueAsync(mail, cancellationToken);
        }
        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        return mails.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {Entry} for table {Table} could not be repaired; it stays for the next run")]
    private partial void LogEntryFailed(Exception failure, string entry, string? table);
}
