using Azure.Data.Tables;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// The due-date index behind every mail outbox. A change that carries mail writes its outbox rows in its own partition,
/// in the same entity-group transaction as the change; <see cref="ScheduleAsync"/> first records, in one partition of
/// <c>outboxdue</c> ordered by due time, where those rows are. The request then queues the mail and deletes the rows;
/// when it dies in between, <see cref="MailOutboxRepair"/> finds the entry once it is due and queues what is left.
/// </summary>
public sealed class MailOutbox(StorageClients storage, IClock clock)
{
    public const string TableName = "outboxdue";
    internal const string Partition = "due";

    /// <summary>How long the request itself has to queue its mail before the repair does it.</summary>
    public static readonly TimeSpan RepairAfter = TimeSpan.FromMinutes(2);

    /// <summary>Call before committing a change whose outbox rows in <paramref name="partitionKey"/> start with <paramref name="rowKeyPrefix"/>.</summary>
    public async Task ScheduleAsync(string table, string partitionKey, string rowKeyPrefix, CancellationToken cancellationToken)
    {
        var index = await storage.TableAsync(TableName);
        var due = clock.UtcNow + RepairAfter;
        await index.AddEntityAsync(new TableEntity(Partition, $"{due.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["TargetTable"] = table,
            ["TargetPartitionKey"] = partitionKey,
            ["TargetRowKeyPrefix"] = rowKeyPrefix,
        }, cancellationToken);
    }
}
