namespace SupportFunctions.Domain.Notifications;

/// <summary>
/// A mail to send, as written to the notifications queue by the change that causes it.
/// <see cref="Id"/> makes delivery idempotent: the same id is sent at most once.
/// </summary>
public sealed record Notification(
    string Id,
    string Template,
    string Recipient,
    string Language,
    IReadOnlyDictionary<string, string> Values)
{
    public const string QueueName = "notifications";
}

/// <summary>Port: put a notification on the queue.</summary>
public interface INotificationQueue
{
    Task EnqueueAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>Port: render and send one notification (idempotent per <see cref="Notification.Id"/>).</summary>
public interface INotificationDelivery
{
    Task DeliverAsync(Notification notification, CancellationToken cancellationToken);
}
