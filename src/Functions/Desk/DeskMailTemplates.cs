using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Desk;

/// <summary>Mail of the auto-close clock (to the customer) and of the desk (to the assignee), ru and en.</summary>
public static class DeskMailTemplates
{
    public static void Register()
    {
        MailTemplates.Add(TicketMail.AutoCloseReminderTemplate, "ru", "Обращение №{ticketId} ждёт вашего ответа",
            "Здравствуйте, {name}!\n\nПо обращению №{ticketId} «{subject}» поддержка ждёт вашего ответа. {autoCloseText}\n\nОтветить можно на странице обращения:\n{link}");
        MailTemplates.Add(TicketMail.AutoCloseReminderTemplate, "en", "Ticket #{ticketId} is waiting for your reply",
            "Hello {name},\n\nSupport is waiting for your reply on ticket #{ticketId} “{subject}”. {autoCloseText}\n\nReply on the ticket's page:\n{link}");
        MailTemplates.Add(TicketMail.AutoClosedTemplate, "ru", "Обращение №{ticketId} закрыто: не было ответа",
            "Здравствуйте, {name}!\n\nМы не получили ответа по обращению №{ticketId} «{subject}» в течение трёх рабочих дней и закрыли его.\nЕсли вопрос остался, откройте обращение снова на его странице или отправьте новое:\n{link}");
        MailTemplates.Add(TicketMail.AutoClosedTemplate, "en", "Ticket #{ticketId} closed: no reply",
            "Hello {name},\n\nWe did not hear from you on ticket #{ticketId} “{subject}” for three business days, so we closed it.\nIf the question is still open, reopen the ticket on its page or send a new one:\n{link}");
        MailTemplates.Add(TicketMail.CustomerRepliedTemplate, "ru", "Клиент ответил: №{ticketId} {subject}",
            "{customerName} ответил(а) по обращению №{ticketId} «{subject}», назначенному вам:\n\n{body}\n\nОткрыть в рабочем месте:\n{link}\n\nЭти письма отключаются в рабочем месте поддержки.");
        MailTemplates.Add(TicketMail.CustomerRepliedTemplate, "en", "Customer replied: #{ticketId} {subject}",
            "{customerName} replied on ticket #{ticketId} “{subject}”, assigned to you:\n\n{body}\n\nOpen it in the desk:\n{link}\n\nTurn these mails off in the desk.");
    }
}
