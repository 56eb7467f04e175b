using Azure;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Operations;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// Counts the messages in the poison queue of every queue-triggered function (one cheap properties call each, no retries),
/// and logs a warning for each that is not empty: the line an operator's alert rule watches for.
/// </summary>
public sealed partial class PoisonQueueCounts(StorageClients probeClients, IReadOnlyList<string> triggerQueues, ILogger<PoisonQueueCounts> logger) : IPoisonQueues
{
    public async Task<IReadOnlyList<PoisonQueueHealth>> CountAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(triggerQueues.Select(queue => CountOneAsync($"{queue}-poison", cancellationToken)));

    private async Task<PoisonQueueHealth> CountOneAsync(string poisonQueue, CancellationToken cancellationToken)
    {
        int count;
        try
        {
            count = (await probeClients.Queues.GetQueueClient(poisonQueue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            count = 0;
        }
        if (count > 0)
        {
            LogPoisoned(poisonQueue, count);
        }
        return new PoisonQueueHealth(poisonQueue, count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison queue {PoisonQueue} holds {PoisonMessages} messages that failed every try")]
    private partial void LogPoisoned(string poisonQueue, int poisonMessages);
}
