using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>
/// The staff queue in table <c>staffqueue</c>, one partition per department. Row keys:
/// <c>!counts</c> (tickets per status, sorts first), <c>q-{a|e}-{priority}-{waiting since}-{id}</c> (the queue, active or ended
/// group, in queue order: one range query returns a page), and <c>t-{id}</c> (where the ticket's row is and which version it
/// shows). A ticket's row, its locator and the counts change in one entity-group transaction guarded by the locator's and the
/// counts' ETags; an update carrying an older version than the locator's is ignored, so replays and races never go back in time.
/// A ticket that leaves a department leaves a tombstone locator there (no row, the version), for the same reason.
/// </summary>
public sealed class StaffQueueTable(StorageClients storage) : IStaffQueue
{
    public const string TableName = "staffqueue";
    private const string CountsRow = "!counts";
    private const int MaxAttempts = 10;

    private static readonly TicketStatus[] AllStatuses = Enum.GetValues<TicketStatus>();

    /// <summary>The result of bringing a department's view up to a ticket version.</summary>
    public sealed record Applied(bool Changed, string? PreviousDueKeys);

    /// <summary>Shows <paramref name="entry"/> in its department and removes it from <paramref name="otherDepartments"/>; older versions lose.</summary>
    public async Task<Applied> ApplyAsync(QueueEntry entry, IReadOnlyCollection<string> otherDepartments, string dueKeys, CancellationToken cancellationToken)
    {
        string? previousDueKeys = null;
        foreach (var department in otherDepartments.Where(d => d != entry.DepartmentId))
        {
            var left = await WriteAsync(department, entry.Id, entry.Version, row: null, status: null, dueKeys: null, cancellationToken);
            previousDueKeys ??= left.PreviousDueKeys;
        }
        var shown = await WriteAsync(entry.DepartmentId, entry.Id, entry.Version, ToRow(entry), entry.Status, dueKeys, cancellationToken);
        return new Applied(shown.Changed, shown.PreviousDueKeys ?? previousDueKeys);
    }

    public async Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        var after = query.Cursor is null ? null : RowKeyCursor.Decode(query.Cursor, IsQueueRowKey, "queue");
        var pages = await Task.WhenAll(query.Departments.Select(department => ReadDepartmentAsync(department, query, after, cancellationToken)));
        var merged = pages.SelectMany(p => p.Rows).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var items = merged.Take(query.Limit).ToList();
        var more = merged.Count > query.Limit || pages.Any(p => p.More);
        var counts = AllStatuses.ToDictionary(s => s, s => pages.Sum(p => p.Counts.GetValueOrDefault(s)));
        return new QueuePage(
            items.Select(ToEntry).ToList(),
            more && items.Count > 0 ? RowKeyCursor.Encode(items[^1].RowKey) : null,
            counts);
    }

    private sealed record DepartmentPage(List<TableEntity> Rows, bool More, Dictionary<TicketStatus, int> Counts);

    /// <summary>
    /// One query per department when no text filter is given: the counts row and up to a page of rows in queue order.
    /// A text filter on the subject cannot be pushed to Table storage, so then the pages are read until enough rows match.
    /// </summary>
    private async Task<DepartmentPage> ReadDepartmentAsync(string department, QueueQuery query, string? after, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {department}")} and ({RowRanges(query, after)} or {TableClient.CreateQueryFilter($"RowKey eq {CountsRow}")})";
        var rows = new List<TableEntity>();
        var counts = new Dictionary<TicketStatus, int>();
        var wanted = query.Limit + 1;
        var more = false;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: query.Text is null ? wanted + 1 : 1000, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var row in page.Values)
            {
                if (row.RowKey == CountsRow)
                {
                    foreach (var status in AllStatuses)
                    {
                        counts[status] = row.GetInt32(status.ToString()) ?? 0;
                    }
                }
                else if (Matches(row, query))
                {
                    rows.Add(row);
                }
            }
            if (rows.Count >= wanted)
            {
                more = true;
                break;
            }
            if (query.Text is null)
            {
                more = page.ContinuationToken is not null;
                break;
            }
        }
        return new DepartmentPage(rows.Take(wanted).ToList(), more, counts);
    }

    private static string RowRanges(QueueQuery query, string? after)
    {
        var groups = new List<string>();
        if (query.Statuses.Any(s => s is not (TicketStatus.Resolved or TicketStatus.Closed)))
        {
            groups.Add("a");
        }
        if (query.Statuses.Any(s => s is TicketStatus.Resolved or TicketStatus.Closed))
        {
            groups.Add("e");
        }
        var ranges = groups.Select(group =>
        {
            var prefix = query.Priority is { } priority ? $"q-{group}-{(int)priority}-" : $"q-{group}-";
            var end = prefix[..^1] + ".";
            var start = after is not null && string.CompareOrdinal(after, prefix) > 0 ? after : prefix;
            return TableClient.CreateQueryFilter($"(RowKey gt {start} and RowKey lt {end})");
        });
        var statuses = string.Join(" or ", query.Statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        var assignee = query.AssigneeId is null ? "" : " and " + TableClient.CreateQueryFilter($"AssigneeId eq {query.AssigneeId}");
        return $"(({string.Join(" or ", ranges)}) and ({statuses}){assignee})";
    }

    private static bool Matches(TableEntity row, QueueQuery query)
    {
        if (query.Text is not { } text)
        {
            return true;
        }
        // A number is a ticket number: "1234" or "#1234" finds that ticket, not every subject with those digits.
        if (long.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return row.GetInt64("Id") == id;
        }
        return (row.GetString("Subject") ?? "").Contains(text, StringComparison.OrdinalIgnoreCase)
            || (row.GetString("CustomerName") ?? "").Contains(text, StringComparison.OrdinalIgnoreCase)
            || (row.GetString("CustomerEmail") ?? "").Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<Applied> WriteAsync(
        string department, long ticketId, int version, TableEntity? row, TicketStatus? status, string? dueKeys, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        for (var attempt = 1; ; attempt++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {department} and (RowKey eq {LocatorKey(ticketId)} or RowKey eq {CountsRow})");
            TableEntity? locator = null, counts = null;
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (entity.RowKey == CountsRow)
                {
                    counts = entity;
                }
                else
                {
                    locator = entity;
                }
            }
            if (locator?.GetInt32("Version") is { } shown && shown >= version)
            {
                return new Applied(false, null);
            }
            var actions = Changes(department, ticketId, version, row, status, dueKeys, locator, counts);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new Applied(true, locator?.GetString("DueKeys"));
            }
            catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another dispatcher changed this department's counts or this ticket's locator: read again and decide again,
                // after a randomised pause so that dispatchers that collided do not collide again in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 10 + 10 * attempt)), cancellationToken);
            }
        }
    }

    private static List<TableTransactionAction> Changes(
        string department, long ticketId, int version, TableEntity? row, TicketStatus? status, string? dueKeys, TableEntity? locator, TableEntity? counts)
    {
        var actions = new List<TableTransactionAction>();
        var previousRow = locator?.GetString("QueueRow") is { Length: > 0 } key ? key : null;
        var previousStatus = locator?.GetString("Status") is { Length: > 0 } text ? Enum.Parse<TicketStatus>(text) : (TicketStatus?)null;
        if (previousRow is not null && previousRow != row?.RowKey)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(department, previousRow), ETag.All));
        }
        if (row is not null)
        {
            row.PartitionKey = department;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        var newLocator = new TableEntity(department, LocatorKey(ticketId))
        {
            ["Version"] = version,
            ["QueueRow"] = row?.RowKey ?? "",
            ["Status"] = status?.ToString() ?? "",
            ["DueKeys"] = dueKeys ?? "",
        };
        actions.Add(locator is null
            ? new TableTransactionAction(TableTransactionActionType.Add, newLocator)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newLocator, locator.ETag));
        if (previousStatus != status)
        {
            var updated = new TableEntity(department, CountsRow);
            foreach (var each in AllStatuses)
            {
                var current = counts?.GetInt32(each.ToString()) ?? 0;
                updated[each.ToString()] = Math.Max(0, current + (each == status ? 1 : 0) - (each == previousStatus ? 1 : 0));
            }
            actions.Add(counts is null
                ? new TableTransactionAction(TableTransactionActionType.Add, updated)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, counts.ETag));
        }
        return actions;
    }

    private static string LocatorKey(long ticketId) => $"t-{TableTicketKey(ticketId)}";

    private static string TableTicketKey(long ticketId) => ticketId.ToString("D10", CultureInfo.InvariantCulture);

    private static string QueueRowKey(QueueEntry e) =>
        $"q-{(e.IsActive ? "a" : "e")}-{(int)e.Priority}-{e.WaitingSince.UtcTicks:D19}-{TableTicketKey(e.Id)}";

    private static TableEntity ToRow(QueueEntry e) => new("", QueueRowKey(e))
    {
        ["Id"] = e.Id,
        ["AccountId"] = e.AccountId,
        ["Subject"] = e.Subject,
        ["CustomerName"] = e.CustomerName,
        ["CustomerEmail"] = e.CustomerEmail,
        ["DepartmentId"] = e.DepartmentId,
        ["Type"] = e.Type,
        ["Status"] = e.Status.ToString(),
        ["Priority"] = e.Priority.ToString(),
        ["AssigneeId"] = e.Assignee?.Id ?? "",
        ["AssigneeName"] = e.Assignee?.Name,
        ["CertificateId"] = e.Certificate?.Id,
        ["CertificateSerial"] = e.Certificate?.Serial,
        ["CertificateProductName"] = e.Certificate?.ProductName,
        ["CreatedAt"] = e.CreatedAt,
        ["UpdatedAt"] = e.UpdatedAt,
        ["WaitingSince"] = e.WaitingSince,
        ["LastReplierKind"] = e.LastReplier.Kind.ToString(),
        ["LastReplierName"] = e.LastReplier.Name,
        ["FirstResponseDueAt"] = e.FirstResponseDueAt,
        ["FirstRespondedAt"] = e.FirstRespondedAt,
        ["AutoCloseAt"] = e.AutoCloseAt,
        ["Version"] = e.Version,
    };

    private static QueueEntry ToEntry(TableEntity e) => new(
        e.GetInt64("Id") ?? 0,
        e.GetString("AccountId") ?? "",
        e.GetString("Subject") ?? "",
        e.GetString("CustomerName") ?? "",
        e.GetString("DepartmentId") ?? e.PartitionKey,
        e.GetString("Type") ?? Ticket.DefaultType,
        Enum.Parse<TicketStatus>(e.GetString("Status")),
        Enum.Parse<TicketPriority>(e.GetString("Priority")),
        e.GetString("AssigneeId") is { Length: > 0 } assignee ? new StaffRef(assignee, e.GetString("AssigneeName") ?? "") : null,
        e.GetString("CertificateId") is { } certificate
            ? new CertificateRef(certificate, e.GetString("CertificateSerial") ?? "", e.GetString("CertificateProductName"))
            : null,
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetDateTimeOffset("WaitingSince") ?? default,
        new MessageAuthor(Enum.Parse<AuthorKind>(e.GetString("LastReplierKind")), null, e.GetString("LastReplierName") ?? ""),
        e.GetDateTimeOffset("FirstResponseDueAt"),
        e.GetDateTimeOffset("FirstRespondedAt"),
        e.GetDateTimeOffset("AutoCloseAt"),
        e.GetInt32("Version") ?? 0)
    {
        CustomerEmail = e.GetString("CustomerEmail") ?? "",
    };

    /// <summary>q-{a|e}-{priority}-{19 digits}-{10 digits}</summary>
    private static bool IsQueueRowKey(string rowKey) =>
        rowKey.Length == 2 + 2 + 2 + 19 + 1 + 10 && rowKey.StartsWith("q-", StringComparison.Ordinal) && rowKey[2] is 'a' or 'e'
        && rowKey[3] == '-' && char.IsAsciiDigit(rowKey[4]) && rowKey[5] == '-' && rowKey[6..25].All(char.IsAsciiDigit) && rowKey[25] == '-'
        && rowKey[26..].All(char.IsAsciiDigit);
}
