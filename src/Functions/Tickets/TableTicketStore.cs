using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Desk;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Tickets;

/// <summary>
/// Tickets in table <c>tickets</c>, one partition per customer account. A partition holds, by row-key prefix:
/// <c>a-counts</c> (how many tickets are resolved or closed), <c>h-{id}</c> a ticket's own fields, <c>l-{o|r}-{newest first}-{id}</c>
/// its row in "My tickets" (open or resolved group, ordered by last update), <c>m-{id}-{seq}</c> its messages,
/// <c>o-{id}-{mail}</c> mail not yet queued (outbox), <c>c-{id}-{seq}</c> its audit trail and <c>u-{upload}</c> uploads not yet linked. So the list is one query,
/// a ticket with its thread is one query, and a change with its list row, counts, linked uploads and mail is one
/// entity-group transaction: the list cannot drift from the tickets. Every save is first announced on the <c>ticket-changes</c>
/// queue (<see cref="TicketChangeQueue"/>); the dispatcher then queues the outbox mail and brings the staff queue and the auto-close
/// index up to the ticket's version. Table <c>ticketindex</c> maps an id to its account for staff.
/// </summary>
public sealed class TableTicketStore(StorageClients storage, ExpiryIndex expiries, TicketChangeQueue changes) : ITicketStore
{
    public const string TableName = "tickets";
    public const string IndexTableName = "ticketindex";

    /// <summary>Which save wrote a header (or an index row): how a save tells its own commit, repeated by an SDK retry, from a race.</summary>
    private const string SaveIdColumn = "SaveId";
    private const string CountsRow = "a-counts";
    private const string ResolvedCount = "ResolvedCount";

    /// <summary>What a save needs to know about how the ticket was stored when loaded.</summary>
    private sealed record StoredState(string ListRowKey, bool WasResolved, ETag? CountsETag, int ResolvedCount, string Departments);

    private readonly ConditionalWeakTable<Ticket, StoredState> _loaded = [];
    // A ticket never changes owner, so the id → account lookup is cached for the life of the process.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _owners = new();

    public async Task<TicketListPage> ListAsync(string accountId, bool resolved, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        if (cursor is null && limit <= KeptListPage.Capacity)
        {
            var counts = await table.GetEntityIfExistsAsync<TableEntity>(accountId, CountsRow, cancellationToken: cancellationToken);
            if (counts.HasValue && KeptListPage.ReadFrom(counts.Value!, resolved) is { } kept)
            {
                return kept.Answer(limit, counts.Value!.GetInt32(ResolvedCount) ?? 0, RowKeyCursor.Encode);
            }
        }
        var (rows, resolvedCount, more) = await QueryListAsync(table, accountId, resolved, limit, cursor, cancellationToken);
        var items = rows.Take(limit).Select(ToSummary).ToList();
        var next = more ? RowKeyCursor.Encode(rows[items.Count - 1].RowKey) : null;
        return new TicketListPage(items, next, resolvedCount);
    }

    /// <summary>
    /// Rebuilds the kept first pages of "My tickets" if a change marked them stale. The write is guarded by the counts row's
    /// ETag as read before the list rows: a change that commits meanwhile fails it, and that change's own dispatch rebuilds.
    /// </summary>
    public async Task RefreshListPagesAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var counts = await table.GetEntityIfExistsAsync<TableEntity>(accountId, CountsRow, cancellationToken: cancellationToken);
        if (!counts.HasValue || counts.Value!.GetBoolean(KeptListPage.StaleProperty) == false)
        {
            return;
        }
        var open = QueryListAsync(table, accountId, resolved: false, KeptListPage.Capacity, null, cancellationToken);
        var resolved = QueryListAsync(table, accountId, resolved: true, KeptListPage.Capacity, null, cancellationToken);
        var fresh = new TableEntity(accountId, CountsRow)
        {
            [KeptListPage.StaleProperty] = false,
            [KeptListPage.PropertyFor(resolved: false)] = KeptListPage.Of((await open).Rows).ToBytes(),
            [KeptListPage.PropertyFor(resolved: true)] = KeptListPage.Of((await resolved).Rows).ToBytes(),
        };
        try
        {
            await table.UpdateEntityAsync(fresh, counts.Value.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException changed) when (changed.Status is 404 or 412)
        {
            // A newer change marked the pages stale again after they were read; its dispatch rebuilds them.
        }
    }

    /// <summary>One request: the counts row sorts first, then up to limit + 1 list rows tell whether there is a next page.</summary>
    private static async Task<(IReadOnlyList<TableEntity> Rows, int ResolvedCount, bool More)> QueryListAsync(
        TableClient table, string accountId, bool resolved, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var group = resolved ? "r" : "o";
        var after = cursor is null ? $"l-{group}-" : RowKeyCursor.Decode(cursor, key => IsListRowKey(key, group), "list");
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and ((RowKey gt {after} and RowKey lt {$"l-{group}."}) or RowKey eq {CountsRow})");
        var page = await table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 2, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: limit + 2).FirstAsync(cancellationToken);
        var rows = page.Values.Where(e => e.RowKey != CountsRow).Take(limit + 1).ToList();
        var resolvedCount = page.Values.FirstOrDefault(e => e.RowKey == CountsRow)?.GetInt32(ResolvedCount) ?? 0;
        var more = rows.Count > limit || (page.ContinuationToken is not null && rows.Count > 0);
        return (rows, resolvedCount, more);
    }

    public Task<LoadedTicket?> LoadAsync(string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken) =>
        QueryTicketAsync(accountId, ticketId, uploadIds, cancellationToken);

    /// <summary>
    /// Two point reads at once (the header and the counts), not a query: a point read is the cheapest request Table storage
    /// serves, and it stays so however many rows the partition or the table holds. The auto-close sweep reads this way.
    /// </summary>
    public async Task<LoadedTicket?> LoadHeaderAsync(string accountId, long ticketId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var header = table.GetEntityIfExistsAsync<TableEntity>(accountId, $"h-{Key(ticketId)}", cancellationToken: cancellationToken);
        var counts = table.GetEntityIfExistsAsync<TableEntity>(accountId, CountsRow, cancellationToken: cancellationToken);
        await Task.WhenAll(header, counts);
        var found = (await header).HasValue ? (await header).Value : null;
        return found is null ? null : Restore(found, (await counts).HasValue ? (await counts).Value : null, [], [], []);
    }

    /// <summary>One query of the customer's partition: the ticket's header and counts, its thread and audit, and the uploads asked for.</summary>
    private async Task<LoadedTicket?> QueryTicketAsync(string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var id = Key(ticketId);
        var rows = new StringBuilder(TableClient.CreateQueryFilter(
            $"RowKey eq {$"h-{id}"} or RowKey eq {CountsRow} or (RowKey gt {$"m-{id}-"} and RowKey lt {$"m-{id}."}) or (RowKey gt {$"c-{id}-"} and RowKey lt {$"c-{id}."})"));
        foreach (var upload in uploadIds)
        {
            rows.Append(" or ").Append(TableClient.CreateQueryFilter($"RowKey eq {$"u-{upload}"}"));
        }
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {accountId}")} and ({rows})";

        TableEntity? header = null, counts = null;
        var messages = new List<TicketMessage>();
        var audit = new List<AuditEntry>();
        var uploads = new List<PendingUpload>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            switch (entity.RowKey[0])
            {
                case 'h': header = entity; break;
                case 'a': counts = entity; break;
                case 'm': messages.Add(ToMessage(entity)); break;
                case 'c': audit.Add(ToAudit(entity)); break;
                case 'u': uploads.Add(ToUpload(entity)); break;
            }
        }
        return header is null ? null : Restore(header, counts, messages, audit, uploads);
    }

    private LoadedTicket Restore(TableEntity header, TableEntity? counts, List<TicketMessage> messages, List<AuditEntry> audit, List<PendingUpload> uploads)
    {
        var ticket = Ticket.Restore(ToSnapshot(header), messages, audit);
        _loaded.AddOrUpdate(ticket, new StoredState(
            header.GetString("ListRowKey"), ticket.IsResolvedOrClosed, counts?.ETag, counts?.GetInt32(ResolvedCount) ?? 0,
            header.GetString("Departments") ?? ticket.DepartmentId));
        return new LoadedTicket(ticket, header.ETag.ToString(), uploads);
    }

    public async Task<IReadOnlyList<PendingUpload>> FindUploadsAsync(string accountId, IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var rows = string.Join(" or ", uploadIds.Select(upload => TableClient.CreateQueryFilter($"RowKey eq {$"u-{upload}"}")));
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {accountId}")} and ({rows})";
        var found = new List<PendingUpload>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(ToUpload(entity));
        }
        return found;
    }

    public async Task AddUploadAsync(string accountId, PendingUpload upload, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.AddEntityAsync(new TableEntity(accountId, $"u-{upload.Id}")
        {
            ["FileName"] = upload.FileName,
            ["DeclaredSize"] = upload.DeclaredSize,
            ["ExpiresAt"] = upload.ExpiresAt,
        }, cancellationToken);
        await expiries.ScheduleAsync(TableName, accountId, $"u-{upload.Id}", upload.ExpiresAt, cancellationToken);
    }

    public async Task<string?> OwnerOfAsync(long ticketId, CancellationToken cancellationToken)
    {
        if (_owners.TryGetValue(ticketId, out var known))
        {
            return known;
        }
        var index = await storage.TableAsync(IndexTableName);
        var entry = await index.GetEntityIfExistsAsync<TableEntity>(Key(ticketId), "", cancellationToken: cancellationToken);
        if (!entry.HasValue || entry.Value!.GetString("AccountId") is not { } owner)
        {
            return null;
        }
        _owners.TryAdd(ticketId, owner);
        return owner;
    }

    public async Task<string> SaveAsync(Ticket ticket, string? etag, IReadOnlyList<PendingMail> mail, CancellationToken cancellationToken, LoadedTicket? linked = null)
    {
        var table = await storage.TableAsync(TableName);
        if (ticket.IsNew)
        {
            if (ticket.IsResolvedOrClosed)
            {
                throw new InvalidOperationException("A new ticket is stored open; resolve it with a change after that.");
            }
            await ClaimIdAsync(ticket, cancellationToken);
        }
        var saveId = Guid.NewGuid().ToString("N");
        var actions = ChangeActions(ticket, etag);
        ((TableEntity)actions[0].Entity)[SaveIdColumn] = saveId;
        if (linked is not null)
        {
            if (linked.Ticket.AccountId != ticket.AccountId)
            {
                throw new InvalidOperationException("Only tickets of one customer are saved together.");
            }
            actions.AddRange(ChangeActions(linked.Ticket, linked.ETag));
        }
        actions.Add(CountsAction(ticket.AccountId, linked is null ? [ticket] : [ticket, linked.Ticket]));
        actions.AddRange(mail.Select(m => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(ticket.AccountId, OutboxPrefix(ticket.Id) + m.Id)
        {
            ["Template"] = m.Template,
            ["Values"] = JsonSerializer.Serialize(m.Values),
            ["StaffRecipientId"] = m.StaffRecipientId,
        })));

        // Announced before the commit: the dispatcher finds the change (or, if the commit fails, finds none and lets it go).
        await changes.AnnounceAsync(ticket.AccountId, ticket.Id, ticket.NextVersion, cancellationToken);
        if (linked is not null)
        {
            await changes.AnnounceAsync(linked.Ticket.AccountId, linked.Ticket.Id, linked.Ticket.NextVersion, cancellationToken);
        }
        try
        {
            var response = await table.SubmitTransactionAsync(actions, cancellationToken);
            Committed(ticket, linked);
            return response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The transaction returned no ETag.");
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 404)
        {
            throw new DomainException(FailureKind.RuleViolated, "upload_not_found", "An attached file was not found. Attach it again.");
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412)
        {
            // The SDK repeats a try whose answer was lost; if that try committed, the repeat conflicts with our own change.
            if (await OwnCommitAsync(table, ticket, saveId, cancellationToken) is { } committedETag)
            {
                Committed(ticket, linked);
                return committedETag;
            }
            throw new DomainException(FailureKind.StaleVersion, "ticket_changed", "The ticket changed since you loaded it. Reload it and try again.");
        }
    }

    /// <summary>A saved ticket is not saved again from this object: the next change loads it afresh.</summary>
    private void Committed(Ticket ticket, LoadedTicket? linked)
    {
        _loaded.Remove(ticket);
        if (linked is not null)
        {
            _loaded.Remove(linked.Ticket);
            linked.Ticket.MarkSaved();
        }
    }

    /// <summary>The header's ETag when it holds the save <paramref name="saveId"/> (that save committed), else null. Read only after a conflict.</summary>
    private static async Task<string?> OwnCommitAsync(TableClient table, Ticket ticket, string saveId, CancellationToken cancellationToken)
    {
        var header = await table.GetEntityIfExistsAsync<TableEntity>(ticket.AccountId, $"h-{Key(ticket.Id)}", select: [SaveIdColumn], cancellationToken: cancellationToken);
        return header.HasValue && header.Value!.GetString(SaveIdColumn) == saveId ? header.Value.ETag.ToString() : null;
    }

    /// <summary>What storing one ticket's change takes: its header (first, so the transaction answers with its ETag), list row, counts, new messages, audit and consumed uploads.</summary>
    private List<TableTransactionAction> ChangeActions(Ticket ticket, string? etag)
    {
        var listRowKey = ListRowKey(ticket);
        var actions = new List<TableTransactionAction>();
        var header = ToHeader(ticket, listRowKey);
        _loaded.TryGetValue(ticket, out var loadedState);
        header["Departments"] = DepartmentsEverIn(loadedState?.Departments, ticket.DepartmentId);
        if (ticket.IsNew)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, header));
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToListRow(ticket, listRowKey)));
        }
        else
        {
            var stored = _loaded.TryGetValue(ticket, out var state) ? state : throw new InvalidOperationException("Save a ticket this store loaded.");
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, header, new ETag(etag!)));
            if (stored.ListRowKey != listRowKey)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ticket.AccountId, stored.ListRowKey), ETag.All));
            }
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToListRow(ticket, listRowKey)));
        }
        foreach (var message in ticket.NewMessages)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToMessageRow(ticket, message)));
            actions.AddRange(message.Attachments.Select(a =>
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ticket.AccountId, $"u-{a.Id}"), ETag.All)));
        }
        actions.AddRange(ticket.NewAudit.Select(a => new TableTransactionAction(TableTransactionActionType.Add, ToAuditRow(ticket, a))));
        return actions;
    }

    /// <summary>
    /// The counts row's part of a transaction: the resolved count when a saved ticket entered or left the resolved group
    /// (guarded by the ETag it was loaded with), and always the mark that the kept list pages are stale (a blind merge).
    /// </summary>
    private TableTransactionAction CountsAction(string accountId, IReadOnlyList<Ticket> saved)
    {
        var counts = new TableEntity(accountId, CountsRow) { [KeptListPage.StaleProperty] = true };
        var moved = saved.Where(t => !t.IsNew).Select(t => (Ticket: t, State: _loaded.TryGetValue(t, out var state) ? state : null))
            .Where(s => s.State is not null && s.State.WasResolved != s.Ticket.IsResolvedOrClosed).ToList();
        if (moved.Count == 0)
        {
            return new TableTransactionAction(TableTransactionActionType.UpsertMerge, counts);
        }
        var loaded = moved[0].State!;
        counts[ResolvedCount] = Math.Max(0, loaded.ResolvedCount + moved.Sum(m => m.Ticket.IsResolvedOrClosed ? 1 : -1));
        return loaded.CountsETag is { } countsETag
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, counts, countsETag)
            : new TableTransactionAction(TableTransactionActionType.Add, counts);
    }

    public async Task MailSentAsync(string accountId, long ticketId, string mailId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.DeleteEntityAsync(accountId, OutboxPrefix(ticketId) + mailId, ETag.All, cancellationToken);
    }

    /// <summary>The index row is inserted, never upserted: an id handed out twice would fail here before any ticket is written.</summary>
    private async Task ClaimIdAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var index = await storage.TableAsync(IndexTableName);
        var claim = Guid.NewGuid().ToString("N");
        try
        {
            await index.AddEntityAsync(new TableEntity(Key(ticket.Id), "") { ["AccountId"] = ticket.AccountId, ["CreatedAt"] = ticket.CreatedAt, [SaveIdColumn] = claim }, cancellationToken);
        }
        catch (RequestFailedException taken) when (taken.Status == 409)
        {
            // Ours when an SDK retry repeated an insert that had committed; anyone else's id is refused as before.
            var entry = await index.GetEntityIfExistsAsync<TableEntity>(Key(ticket.Id), "", select: [SaveIdColumn], cancellationToken: cancellationToken);
            if (!entry.HasValue || entry.Value!.GetString(SaveIdColumn) != claim)
            {
                throw;
            }
        }
        _owners.TryAdd(ticket.Id, ticket.AccountId);
    }

    /// <summary>Every department the ticket has been in, so the staff queue can make sure it is shown only in the current one.</summary>
    private static string DepartmentsEverIn(string? stored, string current) =>
        string.Join(',', (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Append(current).Distinct(StringComparer.Ordinal));

    /// <summary>The departments a stored header says the ticket has been in.</summary>
    internal static IReadOnlyList<string> DepartmentsOf(TableEntity header) =>
        (header.GetString("Departments") ?? header.GetString("DepartmentId") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    internal static string OutboxPrefix(long ticketId) => $"o-{Key(ticketId)}-";

    internal static string Key(long ticketId) => ticketId.ToString("D10", CultureInfo.InvariantCulture);

    private static string ListRowKey(Ticket ticket) =>
        $"l-{(ticket.IsResolvedOrClosed ? "r" : "o")}-{DateTimeOffset.MaxValue.UtcTicks - ticket.UpdatedAt.UtcTicks:D19}-{Key(ticket.Id)}";

    /// <summary>l-{group}-{19 digits}-{10 digits}</summary>
    private static bool IsListRowKey(string rowKey, string group) =>
        rowKey.Length == 2 + 2 + 19 + 1 + 10 && rowKey.StartsWith($"l-{group}-", StringComparison.Ordinal)
        && rowKey[4..23].All(char.IsAsciiDigit) && rowKey[23] == '-' && rowKey[24..].All(char.IsAsciiDigit);

    private static TableEntity ToHeader(Ticket ticket, string listRowKey)
    {
        var s = ticket.Snapshot();
        return new TableEntity(s.AccountId, $"h-{Key(s.Id)}")
        {
            ["Id"] = s.Id,
            ["CustomerName"] = s.CustomerName,
            ["Subject"] = s.Subject,
            ["Status"] = s.Status.ToString(),
            ["Priority"] = s.Priority.ToString(),
            ["DepartmentId"] = s.DepartmentId,
            ["Type"] = s.Type,
            ["CertificateId"] = s.Certificate?.Id,
            ["CertificateSerial"] = s.Certificate?.Serial,
            ["CertificateProductName"] = s.Certificate?.ProductName,
            ["ProductId"] = s.ProductId,
            ["OsVersion"] = s.OsVersion,
            ["ProductVersions"] = s.ProductVersions,
            ["CreatedAt"] = s.CreatedAt,
            ["UpdatedAt"] = s.UpdatedAt,
            ["LastReplierKind"] = s.LastReplier.Kind.ToString(),
            ["LastReplierId"] = s.LastReplier.Id,
            ["LastReplierName"] = s.LastReplier.Name,
            ["ClosedReason"] = s.ClosedReason?.ToString(),
            ["EndedAt"] = s.EndedAt,
            ["AwaitingSince"] = s.AwaitingSince,
            ["ListRowKey"] = listRowKey,
            ["Version"] = ticket.NextVersion,
            ["AssigneeId"] = s.Assignee?.Id ?? "",
            ["AssigneeName"] = s.Assignee?.Name,
            ["WaitingSince"] = s.WaitingSince,
            ["FirstResponseDueAt"] = s.FirstResponseDueAt,
            ["FirstRespondedAt"] = s.FirstRespondedAt,
            ["AutoCloseAt"] = s.AutoCloseAt,
            ["ReminderAt"] = s.ReminderAt,
            ["FollowUpOf"] = s.FollowUpOf,
            ["PartnerId"] = s.PartnerId,
            ["FollowUps"] = s.FollowUps.Count == 0 ? null : string.Join(',', s.FollowUps),
            ["LastSequence"] = s.LastSequence,
            ["AuditCount"] = s.AuditCount,
            ["LatestSolution"] = s.LatestSolution,
        };
    }

    private static TicketSnapshot ToSnapshot(TableEntity e) => new(
        e.GetInt64("Id") ?? 0,
        e.PartitionKey,
        e.GetString("CustomerName") ?? "",
        e.GetString("Subject") ?? "",
        Enum.Parse<TicketStatus>(e.GetString("Status")),
        Enum.Parse<TicketPriority>(e.GetString("Priority")),
        e.GetString("DepartmentId") ?? "",
        e.GetString("Type") ?? Ticket.DefaultType,
        e.GetString("CertificateId") is { } certificateId
            ? new CertificateRef(certificateId, e.GetString("CertificateSerial") ?? "", e.GetString("CertificateProductName"))
            : null,
        e.GetString("ProductId"),
        e.GetString("OsVersion"),
        e.GetString("ProductVersions"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        new MessageAuthor(Enum.Parse<AuthorKind>(e.GetString("LastReplierKind")), e.GetString("LastReplierId"), e.GetString("LastReplierName") ?? ""),
        e.GetString("ClosedReason") is { } reason ? Enum.Parse<ClosedReason>(reason) : null,
        e.GetDateTimeOffset("EndedAt"),
        e.GetDateTimeOffset("AwaitingSince"))
    {
        Version = e.GetInt32("Version") ?? 1,
        Assignee = e.GetString("AssigneeId") is { Length: > 0 } assigneeId ? new StaffRef(assigneeId, e.GetString("AssigneeName") ?? "") : null,
        WaitingSince = e.GetDateTimeOffset("WaitingSince") ?? e.GetDateTimeOffset("CreatedAt") ?? default,
        FirstResponseDueAt = e.GetDateTimeOffset("FirstResponseDueAt"),
        FirstRespondedAt = e.GetDateTimeOffset("FirstRespondedAt"),
        AutoCloseAt = e.GetDateTimeOffset("AutoCloseAt"),
        ReminderAt = e.GetDateTimeOffset("ReminderAt"),
        FollowUpOf = e.GetInt64("FollowUpOf"),
        PartnerId = e.GetString("PartnerId"),
        FollowUps = (e.GetString("FollowUps") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList(),
        LastSequence = e.GetInt32("LastSequence") ?? 0,
        AuditCount = e.GetInt32("AuditCount") ?? 0,
        LatestSolution = e.GetInt32("LatestSolution"),
    };

    /// <summary>A stored ticket header as the snapshot it holds (for views derived from tickets).</summary>
    internal static TicketSnapshot HeaderSnapshot(TableEntity header) => ToSnapshot(header);

    private static TableEntity ToAuditRow(Ticket ticket, AuditEntry a) => new(ticket.AccountId, $"c-{Key(ticket.Id)}-{a.Sequence:D5}")
    {
        ["Sequence"] = a.Sequence,
        ["At"] = a.At,
        ["ActorKind"] = a.Actor.Kind.ToString(),
        ["ActorId"] = a.Actor.Id,
        ["ActorName"] = a.Actor.Name,
        ["Field"] = a.Field,
        ["From"] = a.From,
        ["To"] = a.To,
    };

    private static AuditEntry ToAudit(TableEntity e) => new(
        e.GetInt32("Sequence") ?? 0,
        e.GetDateTimeOffset("At") ?? default,
        new MessageAuthor(Enum.Parse<AuthorKind>(e.GetString("ActorKind")), e.GetString("ActorId"), e.GetString("ActorName") ?? ""),
        e.GetString("Field") ?? "",
        e.GetString("From"),
        e.GetString("To"));

    private static TableEntity ToListRow(Ticket ticket, string rowKey) => new(ticket.AccountId, rowKey)
    {
        ["Id"] = ticket.Id,
        ["Subject"] = ticket.Subject,
        ["UpdatedAt"] = ticket.UpdatedAt,
        ["LastReplierKind"] = ticket.LastReplier.Kind.ToString(),
        ["LastReplierName"] = ticket.LastReplier.Name,
        ["DepartmentId"] = ticket.DepartmentId,
        ["Type"] = ticket.Type,
        ["Status"] = ticket.Status.ToString(),
        ["Priority"] = ticket.Priority.ToString(),
    };

    private static TicketSummary ToSummary(TableEntity row) => KeptListRow.Of(row).ToSummary();

    private static TableEntity ToMessageRow(Ticket ticket, TicketMessage m) => new(ticket.AccountId, $"m-{Key(ticket.Id)}-{m.Sequence:D5}")
    {
        ["Sequence"] = m.Sequence,
        ["AuthorKind"] = m.Author.Kind.ToString(),
        ["AuthorId"] = m.Author.Id,
        ["AuthorName"] = m.Author.Name,
        ["Body"] = m.Body,
        ["CreatedAt"] = m.CreatedAt,
        ["Attachments"] = m.Attachments.Count == 0 ? null : JsonSerializer.Serialize(m.Attachments),
        ["Internal"] = m.Internal,
        ["SystemEvent"] = m.SystemEvent,
    };

    private static TicketMessage ToMessage(TableEntity e) => new(
        e.GetInt32("Sequence") ?? 0,
        new MessageAuthor(Enum.Parse<AuthorKind>(e.GetString("AuthorKind")), e.GetString("AuthorId"), e.GetString("AuthorName") ?? ""),
        e.GetString("Body") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetString("Attachments") is { } json ? JsonSerializer.Deserialize<List<Attachment>>(json) ?? [] : [],
        e.GetBoolean("Internal") ?? false,
        e.GetString("SystemEvent"));

    private static PendingUpload ToUpload(TableEntity e) => new(
        e.RowKey[2..], e.GetString("FileName") ?? "", e.GetInt64("DeclaredSize") ?? 0, e.GetDateTimeOffset("ExpiresAt") ?? default);

    /// <summary>An outbox row (<c>o-{id}-{mail}</c>) as the mail it stands for.</summary>
    internal static PendingMail ToMail(TableEntity e) => new(
        e.RowKey[(2 + 10 + 1)..],
        e.GetString("Template") ?? "",
        JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Values") ?? "{}") ?? [],
        e.GetString("StaffRecipientId"));
}
