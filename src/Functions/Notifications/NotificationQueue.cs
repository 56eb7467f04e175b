using System.Text.Json;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Notifications;

public sealed class NotificationQueue(StorageClients storage) : INotificationQueue
{
    public async Task EnqueueAsync(Notification notification, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(Notification.QueueName);
        await queue.SendMessageAsync(JsonSerializer.Serialize(notification, ApiJson.Options), cancellationToken);
    }
}
