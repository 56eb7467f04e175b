using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// A repair pass for a queue whose messages failed every try while something they need was down (storage, the mail
/// server): each message in <c>{queue}-poison</c> goes back to <c>{queue}</c> with its <c>revivals</c> count raised, at most
/// <see cref="MaxRevivals"/> times. One that has used them up stays in the poison queue, logged, for an operator.
/// </summary>
public sealed partial class PoisonRevival(StorageClients storage, ILogger<PoisonRevival> logger)
{
    public const int MaxRevivals = 5;
    private const string CountProperty = "revivals";

    /// <summary>The queue the Functions host moves a message to after its last failed try.</summary>
    public static string PoisonQueueOf(string queueName) => queueName + "-poison";

    /// <param name="requeue">Puts the revived message text back on its queue (by default: visible at once on <paramref name="queueName"/>).</param>
    /// <returns>How many messages went back.</returns>
    public async Task<int> ReviveAsync(string queueName, CancellationToken cancellationToken, Func<string, CancellationToken, Task>? requeue = null)
    {
        var poison = await storage.QueueAsync(PoisonQueueOf(queueName));
        requeue ??= async (text, token) => await (await storage.QueueAsync(queueName)).SendMessageAsync(text, token);
        var revived = 0;
        while (true)
        {
            // Messages left behind stay invisible for the minute, so one pass sees each message once.
            var batch = (await poison.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken)).Value;
            if (batch.Length == 0)
            {
                return revived;
            }
            foreach (var message in batch)
            {
                if (NextTry(message.Body.ToString()) is not { } text)
                {
                    LogGaveUp(message.MessageId, poison.Name);
                    continue;
                }
                await requeue(text, cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                revived++;
            }
        }
    }

    /// <summary>The message with its revival count raised, or null when it has had its revivals (or is not a JSON object).</summary>
    public static string? NextTry(string messageText)
    {
        if (TryParseObject(messageText) is not { } message)
        {
            return null;
        }
        var revivals = message[CountProperty] is JsonValue count && count.TryGetValue<int>(out var n) ? n : 0;
        if (revivals >= MaxRevivals)
        {
            return null;
        }
        message[CountProperty] = revivals + 1;
        return message.ToJsonString();
    }

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} stays in {PoisonQueue}: it failed after every revival and needs an operator")]
    private partial void LogGaveUp(string messageId, string poisonQueue);
}
