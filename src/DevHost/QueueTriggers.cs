using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace SupportFunctions.DevHost;

/// <summary>
/// Polls every queueTrigger's queue as the Functions host does: a message is deleted after a successful run,
/// made visible again after a failed one, and moved to <c>&lt;queue&gt;-poison</c> when it has failed
/// <see cref="HostSettings.MaxDequeueCount"/> times.
/// </summary>
public sealed partial class QueueTriggers(
    FunctionInvoker invoker,
    IReadOnlyList<FunctionEntry> functions,
    QueueServiceClient queues,
    HostSettings settings,
    ILogger<QueueTriggers> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Trigger == TriggerKind.Queue).Select(f => PollAsync(f, stoppingToken)));

    private async Task PollAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(function.QueueName);
        var poison = queues.GetQueueClient($"{function.QueueName}-poison");
        var wait = MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await PollOnceAsync(function, queue, poison, stoppingToken);
                wait = handled > 0 ? MinPollingInterval : Min(wait * 2, settings.MaxPollingInterval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                LogPollFailed(failure, function.QueueName!);
                wait = settings.MaxPollingInterval;
            }
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> PollOnceAsync(FunctionEntry function, QueueClient queue, QueueClient poison, CancellationToken stoppingToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, settings.MessageLease, stoppingToken);
        await Task.WhenAll(messages.Select(m => HandleAsync(function, queue, poison, m, stoppingToken)));
        return messages.Length;
    }

    private async Task HandleAsync(FunctionEntry function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(function, message.MessageText, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(failure, function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.MessageText, stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                LogPoisoned(message.MessageId, poison.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
            }
        }
    }

    /// <summary>One run with the given message text, from the queue or on demand; failures propagate.</summary>
    public Task RunAsync(FunctionEntry function, string messageText, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(function, parameter =>
            parameter.Name == function.TriggerParameter ? FunctionInvoker.ConvertMessage(messageText, parameter.ParameterType)
            : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : throw new NotSupportedException($"Function {function.Name}: cannot bind '{parameter.Name}'."));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue function {Function} failed on message {MessageId} (try {DequeueCount})")]
    private partial void LogRunFailed(Exception failure, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue}")]
    private partial void LogPoisoned(string messageId, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    private partial void LogPollFailed(Exception failure, string queue);
}
