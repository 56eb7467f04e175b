namespace SupportFunctions.Domain.Common;

/// <summary>The one source of "now" for every rule, so tests and the local stack can move time.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

public sealed class SystemClock : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
