namespace SupportFunctions.Domain.Time;

/// <summary>Support's working time: its time zone, its working hours and the production calendar (section <c>BusinessCalendar</c>).</summary>
public sealed class BusinessCalendarOptions
{
    public const string Section = "BusinessCalendar";

    /// <summary>Which country's shipped calendar to use.</summary>
    public string Country { get; set; } = "ru";

    /// <summary>IANA time zone support counts days in.</summary>
    public string TimeZone { get; set; } = "Europe/Moscow";

    public TimeOnly WorkdayStart { get; set; } = new(9, 0);

    public TimeOnly WorkdayEnd { get; set; } = new(18, 0);

    /// <summary>Years added or replaced by configuration, for other years and other countries.</summary>
    public Dictionary<string, CalendarYearData> Years { get; set; } = [];
}

/// <summary>
/// Business days and business hours in support's time zone. Every answer is an exact instant (UTC), computed from local
/// dates, so weekends, holidays, transferred days and daylight-saving changes of the zone are all respected.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;

    public BusinessCalendar(ProductionCalendar days, TimeZoneInfo zone, TimeOnly workdayStart, TimeOnly workdayEnd)
    {
        if (workdayEnd <= workdayStart)
        {
            throw new ArgumentException("The working day must end after it starts.", nameof(workdayEnd));
        }
        Days = days;
        _zone = zone;
        _start = workdayStart;
        _end = workdayEnd;
    }

    public ProductionCalendar Days { get; }

    public TimeZoneInfo Zone => _zone;

    public static BusinessCalendar From(BusinessCalendarOptions options)
    {
        var configured = options.Years.Values.Select(y => y.ToYear()).ToList();
        var years = ProductionCalendar.Shipped()
            .Where(shipped => !configured.Any(c => c.Country == shipped.Country && c.Year == shipped.Year))
            .Concat(configured);
        return new BusinessCalendar(
            new ProductionCalendar(options.Country, years),
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone),
            options.WorkdayStart,
            options.WorkdayEnd);
    }

    /// <summary>The date in support's time zone at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    public bool IsWorkingDay(DateOnly day) => Days.IsWorkingDay(day);

    /// <summary>
    /// The end (24:00 local) of the <paramref name="count"/>-th working day after the local day of <paramref name="instant"/>.
    /// Received on Tuesday 1 December 2026 at any hour, 3 business days run out at Friday 4 December 24:00 Moscow time.
    /// </summary>
    public DateTimeOffset EndOfBusinessDaysAfter(DateTimeOffset instant, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = LocalDate(instant);
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return StartOf(day.AddDays(1));
    }

    /// <summary><paramref name="duration"/> of working time after <paramref name="instant"/>, counted only inside working hours of working days.</summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset instant, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var left = duration;
        var day = LocalDate(instant);
        var from = instant;
        while (true)
        {
            if (IsWorkingDay(day))
            {
                var opens = At(day, _start);
                var closes = At(day, _end);
                var begin = from > opens ? from : opens;
                if (begin < closes)
                {
                    if (begin + left <= closes)
                    {
                        return begin + left;
                    }
                    left -= closes - begin;
                }
            }
            day = day.AddDays(1);
            from = StartOf(day);
        }
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        for (var day = LocalDate(from); from < to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                var begin = Max(from, At(day, _start));
                var end = Min(to, At(day, _end));
                if (end > begin)
                {
                    total += end - begin;
                }
            }
            from = Max(from, StartOf(day.AddDays(1)));
        }
        return total;
    }

    /// <summary>Local midnight at the start of <paramref name="day"/>, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A local time skipped by a clock change does not exist; take the first instant after the gap.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
