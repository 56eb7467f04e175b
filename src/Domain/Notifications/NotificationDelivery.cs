using SupportFunctions.Domain.Accounts;

namespace SupportFunctions.Domain.Notifications;

/// <summary>
/// Renders and sends one notification, at most once per id: a claim in the sent-mail log comes before the send and
/// "sent" is recorded after it. Optional mails respect the recipient account's muted kinds; security mails never do.
/// </summary>
public sealed class NotificationDelivery(ISentMailLog log, IMailSender sender, IAccountDirectory directory) : INotificationDelivery
{
    /// <summary>A claim never marked sent after this long means its sender died; the message is then sent again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public async Task DeliverAsync(Notification notification, CancellationToken cancellationToken)
    {
        var mail = MailTemplates.Render(notification);
        switch (await log.ClaimAsync(notification.Id, ClaimTimeout, cancellationToken))
        {
            case SendClaim.AlreadySent:
                return;
            case SendClaim.InProgress:
                throw new InvalidOperationException($"Notification {notification.Id} is being sent by another delivery; retrying later.");
        }
        if (await IsMutedAsync(notification, cancellationToken))
        {
            await log.MarkSentAsync(notification.Id, "muted", cancellationToken);
            return;
        }
        try
        {
            await sender.SendAsync(mail, cancellationToken);
        }
        catch
        {
            await log.ReleaseAsync(notification.Id, CancellationToken.None);
            throw;
        }
        await log.MarkSentAsync(notification.Id, "sent", cancellationToken);
    }

    private async Task<bool> IsMutedAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (AccountMail.IsSecurityMail(notification.Template)
            || notification.Values?.GetValueOrDefault("accountId") is not { Length: > 0 } accountId)
        {
            return false;
        }
        var contact = await directory.FindAsync(accountId, cancellationToken);
        return contact is not null && contact.MutedNotifications.Any(category =>
            notification.Template == category || notification.Template.StartsWith(category + ".", StringComparison.Ordinal));
    }
}
