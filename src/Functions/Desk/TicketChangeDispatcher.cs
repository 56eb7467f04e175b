using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;
using SupportFunctions.Functions.Tickets;

namespace SupportFunctions.Functions.Desk;

/// <summary>
/// Brings everything derived from a ticket up to the change announced: reads the ticket's header and its outbox rows in one
/// query, then shows the ticket in the staff queue (an older version never overwrites a newer one), keeps the auto-close
/// index in step, rebuilds the customer's kept "My tickets" pages, queues the partner's webhook events (a partner's ticket) and the outbox mail. Every step is idempotent, so a message handled twice, late or in parallel does
/// no harm; a change that has not committed yet is looked at again shortly, one that never commits is let go.
/// </summary>
public sealed partial class TicketChangeDispatcher(
    StorageClients storage,
    TableTicketStore tickets,
    TicketChangeQueue changes,
    StaffQueueTable queue,
    AutoCloseIndexTable dueIndex,
    IAccountDirectory accounts,
    TicketMail mail,
    IWebhookQueue webhooks,
    IClock clock,
    DeskOptions options,
    ILogger<TicketChangeDispatcher> logger)
{
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(2);

    public async Task DispatchAsync(TicketChangeMessage change, CancellationToken cancellationToken)
    {
        var (header, outbox) = await ReadAsync(change, cancellationToken);
        if (header is null || (header.GetInt32("Version") ?? 1) < change.Version)
        {
            await NotCommittedYetAsync(change, cancellationToken);
            return;
        }
        var ticket = Ticket.Restore(TableTicketStore.HeaderSnapshot(header), []);
        var contact = await accounts.FindAsync(change.AccountId, cancellationToken);
        var entry = QueueEntry.Of(ticket) with { CustomerEmail = contact?.Email ?? "" };
        var dueKeys = AutoCloseIndexTable.KeysFor(entry, ticket.ReminderAt);
        await dueIndex.ScheduleAsync(change.AccountId, dueKeys, cancellationToken);
        var applied = await queue.ApplyAsync(entry, TableTicketStore.DepartmentsOf(header), dueKeys, cancellationToken);
        if (applied.Changed)
        {
            await dueIndex.UnscheduleAsync(applied.PreviousDueKeys, dueKeys, cancellationToken);
        }
        await tickets.RefreshListPagesAsync(change.AccountId, cancellationToken);
        if (outbox.Count > 0)
        {
            var pending = outbox.Select(TableTicketStore.ToMail).ToList();
            // Before the mail, which clears the outbox: a crash in between repeats the events (same ids), never loses them.
            foreach (var webhookEvent in PartnerTicketEvents.From(ticket, pending, clock.UtcNow))
            {
                await webhooks.EnqueueAsync(webhookEvent, TimeSpan.Zero, cancellationToken);
            }
            await mail.SendAsync(change.AccountId, change.TicketId, pending, cancellationToken);
        }
        LogDispatched(change.TicketId, ticket.Version, applied.Changed, outbox.Count);
    }

    private async Task NotCommittedYetAsync(TicketChangeMessage change, CancellationToken cancellationToken)
    {
        if (clock.UtcNow - change.AnnouncedAt < options.CommitDeadline)
        {
            await changes.RetryLaterAsync(change, LookAgainAfter, cancellationToken);
            return;
        }
        LogNeverCommitted(change.TicketId, change.Version);
    }

    private async Task<(TableEntity? Header, List<TableEntity> Outbox)> ReadAsync(TicketChangeMessage change, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableTicketStore.TableName);
        var id = TableTicketStore.Key(change.TicketId);
        var prefix = TableTicketStore.OutboxPrefix(change.TicketId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {change.AccountId} and (RowKey eq {$"h-{id}"} or (RowKey ge {prefix} and RowKey lt {$"o-{id}."}))");
        TableEntity? header = null;
        var outbox = new List<TableEntity>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey[0] == 'h')
                {
                    header = row;
                }
                else
                {
                    outbox.Add(row);
                }
            }
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return (null, outbox);
        }
        return (header, outbox);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dispatched ticket {TicketId} version {Version}: view changed {ViewChanged}, {MailCount} mails")]
    private partial void LogDispatched(long ticketId, int version, bool viewChanged, int mailCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketId} never reached version {Version}: its change did not commit")]
    private partial void LogNeverCommitted(long ticketId, int version);
}
