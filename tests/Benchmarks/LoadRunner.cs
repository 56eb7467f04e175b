using System.Diagnostics;

namespace SupportFunctions.Benchmarks;

public sealed record LoadResult(string Scenario, int Concurrency, int Requests, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send the next request when the previous one answered,
/// for a fixed time after a warm-up. Bounded in time and aimed only at the local stack.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string scenario,
        Func<int, Task<bool>> sendOne,
        int concurrency,
        TimeSpan duration,
        TimeSpan warmUp)
    {
        await RunWorkersAsync(sendOne, concurrency, warmUp, latencies: null);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            latencies[i] = [];
        }
        var started = Stopwatch.GetTimestamp();
        var errors = await RunWorkersAsync(sendOne, concurrency, duration, latencies);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(scenario, concurrency, all.Length, errors, seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static async Task<int> RunWorkersAsync(Func<int, Task<bool>> sendOne, int concurrency, TimeSpan duration, List<double>[]? latencies)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var errors = 0;
        var sequence = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await sendOne(Interlocked.Increment(ref sequence));
                latencies?[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return errors;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
