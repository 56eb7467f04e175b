using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace SupportFunctions.DevHost;

/// <summary>Runs every timerTrigger on its six-field CRON schedule (UTC, as WEBSITE_TIME_ZONE is unset locally).</summary>
public sealed partial class TimerTriggers(FunctionInvoker invoker, IReadOnlyList<FunctionEntry> functions, IConfiguration configuration, ILogger<TimerTriggers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Trigger == TriggerKind.Timer).Select(f => RunOnScheduleAsync(f, stoppingToken)));

    private async Task RunOnScheduleAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(ScheduleOf(function, configuration), CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(DateTime.UtcNow, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }
            try
            {
                await Task.Delay(next.Value - DateTime.UtcNow, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunSafelyAsync(function, stoppingToken);
        }
    }

    /// <summary>The schedule as the Functions host reads it: <c>%Name%</c> is the app setting of that name.</summary>
    public static string ScheduleOf(FunctionEntry function, IConfiguration configuration)
    {
        var schedule = function.Schedule ?? throw new InvalidOperationException($"Timer {function.Name} has no schedule.");
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            return configuration[setting] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Timer {function.Name} takes its schedule from the setting {setting}, which is not set.");
        }
        return schedule;
    }

    private async Task RunSafelyAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(function, stoppingToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(failure, function.Name);
        }
    }

    /// <summary>One run, on schedule or on demand; failures propagate to the caller.</summary>
    public Task RunAsync(FunctionEntry function, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(function, parameter =>
            parameter.ParameterType == typeof(TimerInfo) ? new TimerInfo()
            : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
            : throw new NotSupportedException($"Function {function.Name}: cannot bind '{parameter.Name}'."));

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private partial void LogFailed(Exception failure, string function);
}
