namespace SupportFunctions.Domain.Notifications;

/// <summary>A rendered mail, ready for a sender. <see cref="IdempotencyKey"/> is the notification id.</summary>
public sealed record OutgoingMail(string IdempotencyKey, string To, string Subject, string Text, string Html);

/// <summary>Port: hands one mail to a mail service (SMTP, Azure Communication Services).</summary>
public interface IMailSender
{
    /// <summary>Throws when the service did not accept the mail, so the queue retries it.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public enum SendClaim
{
    /// <summary>This delivery may send now.</summary>
    Claimed,

    /// <summary>The notification was already sent (or deliberately skipped): do nothing.</summary>
    AlreadySent,

    /// <summary>Another delivery is sending it right now: retry later.</summary>
    InProgress,
}

/// <summary>Port: the record of which notifications went out, so a message delivered twice is sent once.</summary>
public interface ISentMailLog
{
    /// <summary>
    /// Claims the notification for sending. A claim older than <paramref name="staleAfter"/> that was never marked
    /// sent (its sender crashed) is taken over.
    /// </summary>
    Task<SendClaim> ClaimAsync(string notificationId, TimeSpan staleAfter, CancellationToken cancellationToken);

    Task MarkSentAsync(string notificationId, string outcome, CancellationToken cancellationToken);

    /// <summary>Drops the claim after a failed send, so the retry may claim it at once.</summary>
    Task ReleaseAsync(string notificationId, CancellationToken cancellationToken);
}
