using System.Globalization;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// Mails the owner of a registered certificate 30 and 7 days before it expires, once each: a reminder is sent only
/// while the certificate is still registered, not revoked and still ends when the reminder was planned for.
/// </summary>
public sealed class SendExpiryReminders(
    IExpiryReminders reminders, ICustomerCertificates customers, IAccountDirectory accounts, INotificationQueue notifications, AccountSettings portal)
{
    /// <summary>In the <c>certificate_expiry</c> category, which a customer can mute.</summary>
    public const string Template = "certificate_expiry.reminder";

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        reminders.ProcessDueAsync(now, async (reminder, token) =>
        {
            var certificate = await customers.FindAsync(reminder.AccountId, reminder.Serial, token);
            if (certificate is null || certificate.RevokedAt is not null || certificate.ValidTo != reminder.ValidTo || certificate.ValidTo <= now)
            {
                return;
            }
            var contact = await accounts.FindAsync(reminder.AccountId, token);
            if (contact is null)
            {
                return;
            }
            await notifications.EnqueueAsync(new Notification(
                $"certificate-expiring-{reminder.Serial}-{reminder.DaysBefore}-{reminder.AccountId}",
                Template,
                contact.Email,
                contact.Language,
                new Dictionary<string, string>
                {
                    ["accountId"] = reminder.AccountId,
                    ["name"] = contact.DisplayName,
                    ["link"] = $"{portal.BaseUrl.TrimEnd('/')}/certificates",
                    ["serial"] = certificate.Serial,
                    ["productName"] = certificate.ProductName.In(contact.Language),
                    ["plan"] = certificate.Plan,
                    ["validTo"] = certificate.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["daysLeft"] = certificate.DaysLeftAt(now).ToString(CultureInfo.InvariantCulture),
                }), token);
        }, cancellationToken);
}
