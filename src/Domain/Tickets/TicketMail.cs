using System.Globalization;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Tickets;

/// <summary>
/// Mail to the customer about their ticket: a staff reply (<c>ticket_staff_reply</c>) or a status change they did not make
/// themselves (<c>ticket_status_changed</c>). Written to the outbox with the change, then put on the notifications queue.
/// </summary>
public sealed class TicketMail(ITicketStore store, INotificationQueue queue, IAccountDirectory accounts, string portalBaseUrl)
{
    /// <summary>Names start with the account's optional mail categories (<c>ticket_reply</c>, <c>ticket_status</c>), so muting them works.</summary>
    public const string StaffReplyTemplate = "ticket_reply.staff";
    public const string StatusChangedTemplate = "ticket_status.changed";

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
        var notifications = (await ComposeAsync(accountId, mail, cancellationToken)).ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var pending in mail)
        {
            if (notifications.TryGetValue(pending.Id, out var notification))
            {
                await queue.EnqueueAsync(notification, cancellationToken);
            }
            await store.MailSentAsync(accountId, ticketId, pending.Id, cancellationToken);
        }
    }

    /// <summary>
    /// The notifications for outbox mail, to the customer's current address and language (none when the account is gone).
    /// Ids stay the outbox ids, so a mail queued twice (by the request and by the outbox repair) is delivered once.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ComposeAsync(string accountId, IReadOnlyList<PendingMail> mail, CancellationToken cancellationToken)
    {
        // The address and language are read now, not when the change happened: mail goes where the customer is today.
        // Muted kinds of mail are skipped by the delivery, which sees the account id.
        if (mail.Count == 0 || await accounts.FindAsync(accountId, cancellationToken) is not { } contact)
        {
            return [];
        }
        return mail.Select(pending => new Notification(pending.Id, pending.Template, contact.Email, contact.Language,
            new Dictionary<string, string>(pending.Values, StringComparer.Ordinal)
            {
                ["accountId"] = accountId,
                ["name"] = contact.DisplayName,
                ["statusText"] = StatusText(pending.Values.GetValueOrDefault("status"), contact.Language),
                ["link"] = $"{portalBaseUrl.TrimEnd('/')}{pending.Values.GetValueOrDefault("ticketPath")}",
            })).ToList();
    }

    /// <summary>The status as the mail's reader calls it.</summary>
    public static string StatusText(string? status, string language) => (status, language == "en") switch
    {
        ("open", false) => "ожидает ответа поддержки",
        ("in_progress", false) => "в работе",
        ("awaiting_customer", false) => "ожидает вашего ответа",
        ("resolved", false) => "решено",
        ("closed", false) => "закрыто",
        ("open", true) => "waiting for support",
        ("in_progress", true) => "in progress",
        ("awaiting_customer", true) => "waiting for your reply",
        ("resolved", true) => "resolved",
        ("closed", true) => "closed",
        _ => status ?? "",
    };
}
