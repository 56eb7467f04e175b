using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.Notifications;

public sealed class NotificationFunctions(INotificationDelivery delivery)
{
    /// <summary>
    /// Sends one queued mail. A throw leaves the message on the queue for another try; after the host's
    /// maxDequeueCount (5) it moves to notifications-poison, where an operator sees it.
    /// </summary>
    [Function("DeliverNotification")]
    public Task DeliverNotification(
        [QueueTrigger(Notification.QueueName, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken) =>
        delivery.DeliverAsync(Parse(message), cancellationToken);

    internal static Notification Parse(string message)
    {
        Notification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<Notification>(message, ApiJson.Options);
        }
        catch (JsonException malformed)
        {
            throw new InvalidNotificationException("The notification is not valid JSON.", malformed);
        }
        if (notification is null
            || string.IsNullOrWhiteSpace(notification.Id)
            || string.IsNullOrWhiteSpace(notification.Template)
            || string.IsNullOrWhiteSpace(notification.Recipient))
        {
            throw new InvalidNotificationException("The notification lacks an id, template or recipient.");
        }
        return notification;
    }
}

public sealed class InvalidNotificationException : Exception
{
    public InvalidNotificationException(string message) : base(message) { }
    public InvalidNotificationException(string message, Exception inner) : base(message, inner) { }
}
