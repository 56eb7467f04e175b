using System.Globalization;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Tickets;

/// <summary>
/// Mail about a ticket: to the customer on a staff reply, on a status change they did not make, before and at the auto-close;
/// to the assignee when the customer answers. Written to the outbox with the change; the ticket-change dispatcher queues it.
/// </summary>
public sealed class TicketMail(
    ITicketStore store, INotificationQueue queue, IAccountDirectory accounts, IStaffDirectory staff, ISolutionLinks links, Common.IClock clock, string portalBaseUrl)
{
    /// <summary>How long the one-click answers of a solution mail work.</summary>
    public static readonly TimeSpan AnswerLinksWorkFor = TimeSpan.FromDays(14);

    /// <summary>Names start with the account's optional mail categories (<c>ticket_reply</c>, <c>ticket_status</c>), so muting them works.</summary>
    public const string StaffReplyTemplate = "ticket_reply.staff";
    /// <summary>A proposed solution, with the two one-click answers.</summary>
    public const string SolutionTemplate = "ticket_reply.solution";
    public const string StatusChangedTemplate = "ticket_status.changed";
    /// <summary>Not in a mutable category: a customer must hear that their ticket is about to close, and that it closed.</summary>
    public const string AutoCloseReminderTemplate = "ticket_autoclose.reminder";
    public const string AutoClosedTemplate = "ticket_autoclose.closed";
    public const string CustomerRepliedTemplate = "desk.customer_replied";
    /// <summary>"We received your ticket": not in a mutable category, it is the customer's receipt.</summary>
    public const string OpenedTemplate = "ticket_opened";

    /// <summary>The mails a ticket's pending events cause: one to the customer per change (a reply that also changes the status is one mail), one to the assignee.</summary>
    public static IReadOnlyList<PendingMail> For(Ticket ticket)
    {
        var mails = new List<PendingMail>();
        if (ForCustomer(ticket) is { } customer)
        {
            mails.Add(customer);
        }
        if (ticket.Events.OfType<CustomerReplied>().LastOrDefault() is { } answered)
        {
            var values = BaseValues(ticket);
            values["body"] = answered.Body;
            values["customerName"] = ticket.CustomerName;
            values["deskPath"] = $"/desk/tickets/{ticket.Id}";
            mails.Add(new PendingMail($"ticket-{ticket.Id}-assignee-{answered.MessageSequence}", CustomerRepliedTemplate, values, answered.Assignee.Id));
        }
        return mails;
    }

    private static PendingMail? ForCustomer(Ticket ticket)
    {
        var values = BaseValues(ticket);
        if (ticket.Events.OfType<TicketOpened>().FirstOrDefault() is { } opened)
        {
            values["priority"] = Ticket.Wire(opened.Priority);
            if (opened.FirstResponseDueAt is { } due)
            {
                values["firstResponseDueAt"] = due.ToString("O", CultureInfo.InvariantCulture);
            }
            return new PendingMail($"ticket-{ticket.Id}-opened", OpenedTemplate, values);
        }
        if (ticket.AutoCloseAt is { } autoCloseAt)
        {
            values["autoCloseAt"] = autoCloseAt.ToString("O", CultureInfo.InvariantCulture);
        }
        if (ticket.Events.OfType<StaffReplied>().LastOrDefault() is { } reply)
        {
            values["staffName"] = reply.StaffName;
            values["body"] = reply.Body;
            values["kind"] = reply.Kind switch
            {
                StaffMessageKind.InfoRequest => "info_request",
                StaffMessageKind.Solution => "solution",
                _ => "reply",
            };
            values["messageId"] = reply.MessageSequence.ToString(CultureInfo.InvariantCulture);
            var template = reply.Kind == StaffMessageKind.Solution ? SolutionTemplate : StaffReplyTemplate;
            return new PendingMail($"ticket-{ticket.Id}-message-{reply.MessageSequence}", template, values);
        }
        if (ticket.Events.OfType<AutoCloseReminderDue>().LastOrDefault() is { } reminder)
        {
            values["autoCloseAt"] = reminder.AutoCloseAt.ToString("O", CultureInfo.InvariantCulture);
            return new PendingMail($"ticket-{ticket.Id}-reminder-{reminder.AutoCloseAt.UtcTicks}", AutoCloseReminderTemplate, values);
        }
        if (ticket.Events.OfType<StatusChanged>().LastOrDefault() is { } change)
        {
            values["previousStatus"] = Ticket.Wire(change.From);
            var sequence = ticket.LastSequence.ToString(CultureInfo.InvariantCulture);
            if (ticket.ClosedReason is { } reason)
            {
                values["closedReason"] = Wire(reason);
            }
            if (ticket.ClosedReason == ClosedReason.AutoNoResponse && ticket.Status == TicketStatus.Closed)
            {
                return new PendingMail($"ticket-{ticket.Id}-status-{sequence}", AutoClosedTemplate, values);
            }
            return new PendingMail($"ticket-{ticket.Id}-status-{sequence}", StatusChangedTemplate, values);
        }
        return null;
    }

    private static Dictionary<string, string> BaseValues(Ticket ticket) => new(StringComparer.Ordinal)
    {
        ["ticketId"] = ticket.Id.ToString(CultureInfo.InvariantCulture),
        ["subject"] = ticket.Subject,
        ["status"] = Ticket.Wire(ticket.Status),
        ["ticketPath"] = $"/tickets/{ticket.Id}",
    };

    public static string Wire(ClosedReason reason) => reason switch
    {
        ClosedReason.AutoNoResponse => "auto_no_response",
        ClosedReason.CustomerResolved => "customer_resolved",
        _ => "staff",
    };

    /// <summary>Queues each mail to its recipient's current address and language, then clears it from the outbox.</summary>
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
    /// The notifications for outbox mail, to the recipient's current address and language (none when the account is gone, or
    /// when the assignee does not want to hear of customer answers). Ids stay the outbox ids, so a mail queued twice is delivered once.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ComposeAsync(string accountId, IReadOnlyList<PendingMail> mail, CancellationToken cancellationToken)
    {
        // The address and language are read now, not when the change happened: mail goes where the customer is today.
        // Muted kinds of mail are skipped by the delivery, which sees the account id.
        if (mail.Count == 0 || await accounts.FindAsync(accountId, cancellationToken) is not { } contact)
        {
            return [];
        }
        var notifications = new List<Notification>();
        foreach (var pending in mail)
        {
            if (pending.StaffRecipientId is { } staffId)
            {
                if (await staff.FindAsync(staffId, cancellationToken) is { Email: { Length: > 0 } email, NotifyOnCustomerReply: true } member)
                {
                    notifications.Add(new Notification(pending.Id, pending.Template, email, "ru", new Dictionary<string, string>(pending.Values, StringComparer.Ordinal)
                    {
                        ["name"] = member.Name,
                        ["link"] = $"{portalBaseUrl.TrimEnd('/')}{pending.Values.GetValueOrDefault("deskPath")}",
                    }));
                }
                continue;
            }
            var values = new Dictionary<string, string>(pending.Values, StringComparer.Ordinal)
            {
                ["accountId"] = accountId,
                ["name"] = contact.DisplayName,
                ["statusText"] = StatusText(pending.Values.GetValueOrDefault("status"), contact.Language),
                ["link"] = $"{portalBaseUrl.TrimEnd('/')}{pending.Values.GetValueOrDefault("ticketPath")}",
                ["autoCloseText"] = AutoCloseText(pending.Values.GetValueOrDefault("autoCloseAt"), contact),
                ["priorityText"] = PriorityText(pending.Values.GetValueOrDefault("priority"), contact.Language),
                ["firstResponseText"] = FirstResponseText(pending.Values.GetValueOrDefault("firstResponseDueAt"), contact),
            };
            if (pending.Template == SolutionTemplate)
            {
                await AddAnswerLinksAsync(accountId, contact.Language, values, cancellationToken);
            }
            notifications.Add(new Notification(pending.Id, pending.Template, contact.Email, contact.Language, values));
        }
        return notifications;
    }

    /// <summary>The "yes, solved" and "no, not solved" links: signed, tied to this solution message, working for <see cref="AnswerLinksWorkFor"/>.</summary>
    private async Task AddAnswerLinksAsync(string accountId, string language, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var ticketId = long.Parse(values["ticketId"], CultureInfo.InvariantCulture);
        var sequence = int.Parse(values["messageId"], CultureInfo.InvariantCulture);
        var token = Uri.EscapeDataString(await links.SignAsync(new SolutionLink(accountId, ticketId, sequence, clock.UtcNow + AnswerLinksWorkFor), cancellationToken));
        var page = $"{portalBaseUrl.TrimEnd('/')}/tickets/{ticketId}/answer?lang={language}&token={token}";
        values["solvedLink"] = $"{page}&answer=solved";
        values["notSolvedLink"] = $"{page}&answer=not_solved";
    }

    /// <summary>"closes automatically on Friday 4 December at 24:00 unless you answer", in the customer's language and time zone.</summary>
    public static string AutoCloseText(string? autoCloseAt, AccountContact contact)
    {
        if (!DateTimeOffset.TryParse(autoCloseAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return "";
        }
        var zone = FindZone(contact.TimeZone);
        // The moment is the end of a day: name the day that ends, not the midnight that begins the next one.
        var lastDay = TimeZoneInfo.ConvertTime(at, zone).AddTicks(-1);
        var english = contact.Language == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "ru-RU");
        var day = lastDay.ToString(english ? "dddd d MMMM" : "dddd, d MMMM", culture);
        var time = TimeZoneInfo.ConvertTime(at, zone).TimeOfDay == TimeSpan.Zero ? "24:00" : TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", culture);
        return english
            ? $"If we do not hear from you, the ticket closes automatically on {day} at {time} ({contact.TimeZone})."
            : $"Если вы не ответите, обращение закроется автоматически: {day}, в {time} ({contact.TimeZone}).";
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>The status as the mail's reader calls it.</summary>
    public static string PriorityText(string? priority, string language) => (priority, language == "en") switch
    {
        ("critical", false) => "критический",
        ("high", false) => "высокий",
        ("normal", false) => "обычный",
        ("low", false) => "низкий",
        ("minimal", false) => "минимальный (без сертификата поддержки)",
        ("minimal", true) => "minimal (no support certificate)",
        _ => priority ?? "",
    };

    /// <summary>"We will answer by Friday 4 December, 13:00 (Europe/Moscow)." in the customer's language and time zone.</summary>
    public static string FirstResponseText(string? dueAt, AccountContact contact)
    {
        if (!DateTimeOffset.TryParse(dueAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return "";
        }
        var english = contact.Language == "en";
        var local = TimeZoneInfo.ConvertTime(at, FindZone(contact.TimeZone));
        var when = local.ToString(english ? "dddd d MMMM, HH:mm" : "dddd, d MMMM, HH:mm", CultureInfo.GetCultureInfo(english ? "en-GB" : "ru-RU"));
        return english
            ? $"We will answer by {when} ({contact.TimeZone}); working hours and public holidays are taken into account."
            : $"Мы ответим до: {when} ({contact.TimeZone}); учтены рабочие часы и праздничные дни.";
    }

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
