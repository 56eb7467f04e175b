using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Tickets;

/// <summary>The texts of ticket mail, ru and en. Values: ticketId, subject, statusText, link, name; staffName and body for replies.</summary>
public static class TicketMailTemplates
{
    public static void Register()
    {
        MailTemplates.Add(TicketMail.StaffReplyTemplate, "ru", "Ответ по обращению №{ticketId}: {subject}",
            "Здравствуйте, {name}!\n\n{staffName} ответил(а) на ваше обращение №{ticketId} «{subject}»:\n\n{body}\n\nСтатус обращения: {statusText}. {autoCloseText}\nОтветить или отметить проблему решённой можно на странице обращения:\n{link}");
        MailTemplates.Add(TicketMail.StaffReplyTemplate, "en", "Reply to your ticket #{ticketId}: {subject}",
            "Hello {name},\n\n{staffName} replied to your ticket #{ticketId} “{subject}”:\n\n{body}\n\nThe ticket is now: {statusText}. {autoCloseText}\nReply or mark the problem as solved on the ticket's page:\n{link}");
        MailTemplates.Add(TicketMail.SolutionTemplate, "ru", "Решение по обращению №{ticketId}: {subject}",
            "Здравствуйте, {name}!\n\n{staffName} предлагает решение по обращению №{ticketId} «{subject}»:\n\n{body}\n\nПомогло?\nДа, проблема решена: {solvedLink}\nНет, не помогло: {notSolvedLink}\n\n{autoCloseText}\nОбращение:\n{link}");
        MailTemplates.Add(TicketMail.SolutionTemplate, "en", "A solution for your ticket #{ticketId}: {subject}",
            "Hello {name},\n\n{staffName} proposes a solution for your ticket #{ticketId} “{subject}”:\n\n{body}\n\nDid it help?\nYes, this solved it: {solvedLink}\nNo, it did not: {notSolvedLink}\n\n{autoCloseText}\nThe ticket:\n{link}");
        MailTemplates.Add(TicketMail.OpenedTemplate, "ru", "Обращение №{ticketId} получено: {subject}",
            "Здравствуйте, {name}!\n\nМы получили ваше обращение №{ticketId} «{subject}».\nПриоритет: {priorityText}. {firstResponseText}\n\nСледить за обращением и дополнять его можно на его странице:\n{link}");
        MailTemplates.Add(TicketMail.OpenedTemplate, "en", "We received your ticket #{ticketId}: {subject}",
            "Hello {name},\n\nWe received your ticket #{ticketId} “{subject}”.\nPriority: {priorityText}. {firstResponseText}\n\nFollow the ticket and add to it on its page:\n{link}");
        MailTemplates.Add(TicketMail.StatusChangedTemplate, "ru", "Обращение №{ticketId}: {statusText}",
            "Здравствуйте, {name}!\n\nСтатус вашего обращения №{ticketId} «{subject}» изменился: {statusText}.\n\nОткрыть обращение:\n{link}");
        MailTemplates.Add(TicketMail.StatusChangedTemplate, "en", "Ticket #{ticketId}: {statusText}",
            "Hello {name},\n\nThe status of your ticket #{ticketId} “{subject}” changed: {statusText}.\n\nOpen the ticket:\n{link}");
    }
}
