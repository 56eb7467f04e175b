using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>
/// The auto-close clock's due-date index, table <c>autoclosedue</c>: one partition, row key <c>{due ticks}-{ticket id}-{r|c}</c>
/// (reminder or close), so the sweep reads exactly what is due with one range query. Entries are written by the change
/// dispatcher from the ticket's <see cref="Ticket.ReminderAt"/> and <see cref="Ticket.AutoCloseAt"/>; an entry left behind
/// by a later change (the customer answered) costs the sweep one small read and is dropped.
/// </summary>
public sealed class AutoCloseIndexTable(StorageClients storage) : IAutoCloseIndex
{
    public const string TableName = "autoclosedue";
    private const string Partition = "due";

    /// <summary>The keys the ticket's current clock needs, space-separated (what the staff queue's locator remembers).</summary>
    public static string KeysFor(QueueEntry entry, DateTimeOffset? reminderAt)
    {
        if (entry.Status != TicketStatus.AwaitingCustomer || entry.AutoCloseAt is not { } closeAt)
        {
            return "";
        }
        var keys = new List<string>();
        if (reminderAt is { } remindAt)
        {
            keys.Add(Key(remindAt, entry.Id, AutoCloseStep.Remind));
        }
        keys.Add(Key(closeAt, entry.Id, AutoCloseStep.Close));
        return string.Join(' ', keys);
    }

    /// <summary>Writes the entries of <paramref name="keys"/> (idempotent), before the view that remembers them commits.</summary>
    public async Task ScheduleAsync(string accountId, string keys, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        foreach (var key in Split(keys))
        {
            await table.UpsertEntityAsync(new TableEntity(Partition, key) { ["AccountId"] = accountId }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Deletes the entries of <paramref name="previous"/> that <paramref name="current"/> no longer has.</summary>
    public async Task UnscheduleAsync(string? previous, string current, CancellationToken cancellationToken)
    {
        var stale = Split(previous).Except(Split(current), StringComparer.Ordinal).ToList();
        if (stale.Count == 0)
        {
            return;
        }
        var table = await storage.TableAsync(TableName);
        foreach (var key in stale)
        {
            await table.DeleteEntityAsync(Partition, key, ETag.All, cancellationToken);
        }
    }

    public async IAsyncEnumerable<DueTicket> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {$"{now.UtcTicks + 1:D19}"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (Parse(entity.RowKey) is { } parsed)
            {
                yield return new DueTicket(entity.RowKey, entity.GetString("AccountId") ?? "", parsed.TicketId, parsed.Step, parsed.DueAt);
            }
        }
    }

    public async Task DoneAsync(DueTicket due, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.DeleteEntityAsync(Partition, due.Key, ETag.All, cancellationToken);
    }

    private static string Key(DateTimeOffset at, long ticketId, AutoCloseStep step) =>
        $"{at.UtcTicks:D19}-{ticketId.ToString("D10", CultureInfo.InvariantCulture)}-{(step == AutoCloseStep.Close ? 'c' : 'r')}";

    private static (DateTimeOffset DueAt, long TicketId, AutoCloseStep Step)? Parse(string key)
    {
        var parts = key.Split('-');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || parts[2] is not ("c" or "r"))
        {
            return null;
        }
        return (new DateTimeOffset(ticks, TimeSpan.Zero), id, parts[2] == "c" ? AutoCloseStep.Close : AutoCloseStep.Remind);
    }

    private static string[] Split(string? keys) => (keys ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
