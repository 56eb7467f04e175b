using SupportFunctions.Domain.Common;

namespace SupportFunctions.DevHost;

/// <summary>The local stack's clock: real time plus an offset that tests move through <c>/admin/clock</c>.</summary>
public sealed class AdjustableClock : IClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
