using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Certificates;

/// <summary>The certificates capability's mail texts, added to <see cref="MailTemplates"/> at start-up.</summary>
public static class CertificateMailTemplates
{
    public static void Register()
    {
        MailTemplates.Add(SendExpiryReminders.Template, "ru",
            "Сертификат поддержки {serial} истекает через {daysLeft} дн.",
            "Здравствуйте, {name}!\n\nСертификат поддержки {serial} на продукт «{productName}» (тариф {plan}) действует до {validTo}: осталось дней: {daysLeft}. "
            + "После этой даты обращения по нему будут приниматься с минимальным приоритетом.\n\nЧтобы продлить поддержку, обратитесь к продавцу. Ваши сертификаты:\n{link}\n\n"
            + "Отключить напоминания можно в настройках учётной записи.");
        MailTemplates.Add(SendExpiryReminders.Template, "en",
            "Your support certificate {serial} expires in {daysLeft} days",
            "Hello {name},\n\nSupport certificate {serial} for {productName} (plan {plan}) is valid until {validTo}: {daysLeft} days left. "
            + "After that date, tickets under it get the lowest priority.\n\nTo renew support, contact your vendor. Your certificates:\n{link}\n\n"
            + "You can turn these reminders off in your account preferences.");
    }
}
