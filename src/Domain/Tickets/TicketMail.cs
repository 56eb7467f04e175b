using System.Globalization;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Tickets;

/// <summary>
/// Mail to the customer about their ticket: a staff reply (<c>ticket_staff_reply</c>) or a status change they did not make
/// themselves (<c>ticket_status_changed</c>). Written to the outbox with the change, then put on the notifications queue.
/// </summary>
public sealed class TicketMail(ITicketStore store, INotificationQueue queue, IAccountDirectory accounts)
{
    public const string StaffReplyTemplate = "ticket_staff_reply";
    public const string StatusChangedTemplate = "ticket_status_changed";

    /// <summary>The mails a ticket's pending events cause; one mail per change (a reply that also changes the status is one mail).</summary>
    public static IReadOnlyList<PendingMail> For(Ticket ticket)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ticketId"] = ticket.Id.ToString(CultureInfo.InvariantCulture),
            ["subject"] = ticket.Subject,
            ["status"] = Ticket.Wire(ticket.Status),
            ["ticketPath"] = $"/tickets/{ticket.Id}",
        };
        if (ticket.Events.OfType<StaffReplied>().LastOrDefault() is { } reply)
        {
            values["staffName"] = reply.StaffName;
            values["body"] = reply.Body;
            return [new PendingMail($"ticket-{ticket.Id}-message-{reply.MessageSequence}", StaffReplyTemplate, values)];
        }
        if (ticket.Events.OfType<StatusChanged>().LastOrDefault() is { } change)
        {
            values["previousStatus"] = Ticket.Wire(change.From);
            if (ticket.ClosedReason is { } reason)
            {
                values["closedReason"] = reason switch
                {
                    ClosedReason.AutoNoResponse => "auto_no_response",
                    ClosedReason.CustomerResolved => "customer_resolved",
                    _ => "staff",
                };
            }
            var sequence = ticket.Messages[^1].Sequence;
            return [new PendingMail($"ticket-{ticket.Id}-status-{sequence}", StatusChangedTemplate, values)];
        }
        return [];
    }

    /// <summary>Queues each mail to the customer's current address and language, then clears it from the outbox.</summary>
    public async Task SendAsync(string accountId, long ticketId, IReadOnlyList<PendingMail> mail, CancellationToken cancellationToken)
    {
        if (mail.Count == 0)
        {
            return;
        }
        var contact = await accounts.FindAsync(accountId, cancellationToken);
        foreach (var pending in mail)
        {
            if (contact is not null && !contact.MutedNotifications.Contains(pending.Template))
            {
                await queue.EnqueueAsync(new Notification(pending.Id, pending.Template, contact.Email, contact.Language, pending.Values), cancellationToken);
            }
            await store.MailSentAsync(accountId, ticketId, pending.Id, cancellationToken);
        }
    }
}
