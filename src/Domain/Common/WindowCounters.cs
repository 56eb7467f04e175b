using System.Collections.Concurrent;

namespace SupportFunctions.Domain.Common;

/// <summary>Where a subject stands in its current window after one more call.</summary>
public readonly record struct WindowCount(int Limit, int Calls, TimeSpan ResetIn)
{
    public int Remaining => Math.Max(0, Limit - Calls);
    public bool Exceeded => Calls > Limit;
}

/// <summary>
/// Fixed-window call counters kept in this process's memory: no storage round trip, so a limit costs nothing on the
/// hot path. Each instance counts its own share, so the total a subject gets is the limit times the instances serving
/// it. Windows are aligned to the clock (a 1-minute window starts at :00), so a subject can make up to twice the limit
/// across a window's edge. Counters of ended windows are dropped once a minute, so memory follows the subjects seen
/// in the current windows only.
/// </summary>
public sealed class WindowCounters(IClock clock)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Policy, string Subject), (long WindowEndTicks, int Calls)> _windows = new();
    private long _nextSweepTicks;

    public int Tracked => _windows.Count;

    /// <summary>Counts one call of <paramref name="subject"/> under <paramref name="policy"/>.</summary>
    public WindowCount Hit(ThrottlePolicy policy, string subject)
    {
        var now = clock.UtcNow.UtcTicks;
        var windowTicks = policy.Window.Ticks;
        var windowEnd = (now / windowTicks + 1) * windowTicks;
        var (_, calls) = _windows.AddOrUpdate((policy.Name, subject), _ => (windowEnd, 1),
            (_, current) => current.WindowEndTicks == windowEnd ? (windowEnd, current.Calls + 1) : (windowEnd, 1));
        SweepEndedWindows(now);
        return new WindowCount(policy.Limit, calls, TimeSpan.FromTicks(windowEnd - now));
    }

    /// <summary>Counts one call; throws a 429 <c>too_many_requests</c> with <c>Retry-After</c> (the window's end) past the limit.</summary>
    public WindowCount HitOrRefuse(ThrottlePolicy policy, string subject)
    {
        var count = Hit(policy, subject);
        return count.Exceeded ? throw Throttled.Because(policy, count.ResetIn) : count;
    }

    private void SweepEndedWindows(long now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now < due || Interlocked.CompareExchange(ref _nextSweepTicks, now + SweepEvery.Ticks, due) != due)
        {
            return;
        }
        foreach (var (key, window) in _windows)
        {
            if (window.WindowEndTicks <= now)
            {
                _windows.TryRemove(new KeyValuePair<(string, string), (long, int)>(key, window));
            }
        }
    }
}
