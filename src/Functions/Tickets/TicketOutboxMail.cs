using Azure.Data.Tables;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Tickets;

/// <summary>Ticket mail left in a customer's partition (<c>o-{id}-{mail}</c> rows) as notifications, for the outbox repair.</summary>
public sealed class TicketOutboxMail(TicketMail mail) : IMailOutboxTable
{
    public string TableName => TableTicketStore.TableName;

    public Task<IReadOnlyList<Notification>> ComposeAsync(string partitionKey, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken) =>
        mail.ComposeAsync(partitionKey, rows.Select(TableTicketStore.ToMail).ToList(), cancellationToken);
}
