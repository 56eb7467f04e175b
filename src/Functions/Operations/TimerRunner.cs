using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SupportFunctions.Functions.Operations;

/// <summary>What every timer function runs inside, under either host: a log scope, timing and failure logging.</summary>
public sealed partial class TimerRunner(ILogger<TimerRunner> logger)
{
    public async Task RunAsync(Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken, [CallerMemberName] string timer = "")
    {
        var runId = Guid.NewGuid().ToString("N");
        using var scope = logger.BeginScope("{Timer} {RunId}", timer, runId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await work(cancellationToken);
            LogCompleted(timer, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception failure)
        {
            LogFailed(failure, timer);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer} completed: {Outcome} in {ElapsedMs:0.0} ms")]
    private partial void LogCompleted(string timer, string outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Timer} failed")]
    private partial void LogFailed(Exception failure, string timer);
}
