using System.Text.Json;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>A ticket change the views and mail must catch up with: the ticket reaches <see cref="Version"/> when its save commits.</summary>
public sealed record TicketChangeMessage(string AccountId, long TicketId, int Version, DateTimeOffset AnnouncedAt, int Revivals = 0);

/// <summary>Settings of the ticket-change dispatch (section <c>Desk</c>).</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>How long an announcement stays invisible: the time a save has to commit before the dispatcher looks.</summary>
    public TimeSpan DispatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the dispatcher keeps looking for a change that has not committed yet before it concludes it never will.</summary>
    public TimeSpan CommitDeadline { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where saves are announced. Only tests change it: announcing straight into the poison queue stands for a dispatch that kept failing.</summary>
    public string AnnouncementQueue { get; set; } = TicketChangeQueue.QueueName;
}

/// <summary>
/// The queue <c>ticket-changes</c>: every ticket save is announced here before it commits, with a short visibility delay.
/// The queue is the due-date index of everything derived from tickets: a message that becomes visible is a change the
/// views must have caught up with by now, so no view update depends on a request surviving its commit.
/// </summary>
public sealed class TicketChangeQueue(StorageClients storage, IClock clock, DeskOptions options)
{
    public const string QueueName = "ticket-changes";
    public const string PoisonQueueName = QueueName + "-poison";

    public Task AnnounceAsync(string accountId, long ticketId, int version, CancellationToken cancellationToken) =>
        SendAsync(options.AnnouncementQueue, new TicketChangeMessage(accountId, ticketId, version, clock.UtcNow), options.DispatchDelay, cancellationToken);

    /// <summary>Looks again later at a change that has not committed yet (or that is being revived from the poison queue).</summary>
    public Task RetryLaterAsync(TicketChangeMessage change, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(QueueName, change, delay, cancellationToken);

    public static TicketChangeMessage Parse(string message) =>
        JsonSerializer.Deserialize<TicketChangeMessage>(message, ApiJson.Options)
        ?? throw new JsonException("An empty ticket-change message.");

    private async Task SendAsync(string queueName, TicketChangeMessage change, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await storage.QueueAsync(queueName);
        await queue.SendMessageAsync(JsonSerializer.Serialize(change, ApiJson.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
