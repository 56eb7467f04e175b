using SupportFunctions.Domain.Time;

namespace SupportFunctions.Domain.Operations;

/// <summary>Port: can the storage account be reached right now?</summary>
public interface IStorageProbe
{
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>The business calendar's state: which of this year and the next lack data or hold only a draft.</summary>
public sealed record CalendarHealth(string Country, string TimeZone, IReadOnlyList<int> MissingYears, IReadOnlyList<int> DraftYears);

/// <summary>Port: how many messages sit in each poison queue (messages whose function failed every try).</summary>
public interface IPoisonQueues
{
    Task<IReadOnlyList<PoisonQueueHealth>> CountAsync(CancellationToken cancellationToken);
}

/// <summary>A poison queue and the messages in it; anything above zero is for an operator to look at.</summary>
public sealed record PoisonQueueHealth(string Queue, int Messages);

public sealed record HealthDetails(CalendarHealth Calendar, IReadOnlyList<PoisonQueueHealth> PoisonQueues);

public sealed record HealthReport(string Status, string Storage, string Version, HealthDetails Details)
{
    public bool IsHealthy => Status == "healthy";
}

public sealed class CheckHealth(IStorageProbe storage, IPoisonQueues poisonQueues, BusinessCalendar calendar, Common.IClock clock, string version)
{
    /// <summary>Poisoned messages are reported, not judged: the app still serves, an operator decides what they need.</summary>
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var reachable = await storage.IsReachableAsync(cancellationToken);
        var details = new HealthDetails(Calendar(), reachable ? await poisonQueues.CountAsync(cancellationToken) : []);
        return reachable
            ? new HealthReport("healthy", "reachable", version, details)
            : new HealthReport("unhealthy", "unreachable", version, details);
    }

    /// <summary>Business rules count days this year and into the next (a request in December runs out in January).</summary>
    public CalendarHealth Calendar()
    {
        var year = calendar.LocalDate(clock.UtcNow).Year;
        int[] years = [year, year + 1];
        return new CalendarHealth(calendar.Days.Country, calendar.Zone.Id, calendar.Days.YearsWithoutData(years), calendar.Days.DraftYears(years));
    }
}
