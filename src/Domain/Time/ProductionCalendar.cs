using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace SupportFunctions.Domain.Time;

/// <summary>Whether a year's days come from a signed decree or from a draft that may still change.</summary>
public enum CalendarStatus
{
    Decree,
    Draft,
}

/// <summary>
/// One year of a country's production calendar: its public holidays, the extra days off (holidays that fell on a weekend
/// and were moved, and the Government's transfers) and the weekend days that are working days, with the act it comes from.
/// </summary>
public sealed record CalendarYear(
    string Country,
    int Year,
    CalendarStatus Status,
    string Source,
    IReadOnlySet<DateOnly> Holidays,
    IReadOnlySet<DateOnly> ExtraDaysOff,
    IReadOnlySet<DateOnly> WorkingWeekendDays)
{
    public bool IsWorkingDay(DateOnly day)
    {
        if (WorkingWeekendDays.Contains(day))
        {
            return true;
        }
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day) && !ExtraDaysOff.Contains(day);
    }
}

/// <summary>
/// Which days are working days, year by year. A year without data counts Monday to Friday as working days, and
/// <see cref="YearsWithoutData"/> says so, so that start-up and health can report it instead of hiding it.
/// </summary>
public sealed class ProductionCalendar
{
    private readonly Dictionary<int, CalendarYear> _years;

    public ProductionCalendar(string country, IEnumerable<CalendarYear> years)
    {
        Country = country;
        _years = years.Where(y => y.Country == country).ToDictionary(y => y.Year);
    }

    public string Country { get; }

    public IReadOnlyCollection<CalendarYear> Years => _years.Values;

    public bool IsWorkingDay(DateOnly day) =>
        _years.TryGetValue(day.Year, out var year)
            ? year.IsWorkingDay(day)
            : day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The years among <paramref name="years"/> this calendar has no data for.</summary>
    public IReadOnlyList<int> YearsWithoutData(IEnumerable<int> years) => years.Where(y => !_years.ContainsKey(y)).ToList();

    /// <summary>The years among <paramref name="years"/> whose data is a draft.</summary>
    public IReadOnlyList<int> DraftYears(IEnumerable<int> years) =>
        years.Where(y => _years.TryGetValue(y, out var year) && year.Status == CalendarStatus.Draft).ToList();

    /// <summary>The calendars shipped with the product (<c>Time/Calendars/{country}-{year}.json</c>).</summary>
    public static IReadOnlyList<CalendarYear> Shipped()
    {
        var assembly = typeof(ProductionCalendar).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Time.Calendars.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Select(name => Parse(Read(assembly, name)))
            .ToList();
    }

    public static CalendarYear Parse(string json)
    {
        var data = JsonSerializer.Deserialize<CalendarYearData>(json, JsonOptions) ?? throw new FormatException("An empty calendar.");
        return data.ToYear();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}

/// <summary>A calendar year as written in data files and in settings (<c>BusinessCalendar:Years:{n}</c>).</summary>
public sealed class CalendarYearData
{
    public string Country { get; set; } = "ru";
    public int Year { get; set; }
    public string Status { get; set; } = "decree";
    public string Source { get; set; } = "";
    public string? Notes { get; set; }
    public List<string> Holidays { get; set; } = [];
    public List<string> ExtraDaysOff { get; set; } = [];
    public List<string> WorkingWeekendDays { get; set; } = [];

    public CalendarYear ToYear()
    {
        if (Year is < 2000 or > 2200)
        {
            throw new FormatException($"Calendar year {Year} is out of range.");
        }
        return new CalendarYear(
            Country,
            Year,
            string.Equals(Status, "draft", StringComparison.OrdinalIgnoreCase) ? CalendarStatus.Draft : CalendarStatus.Decree,
            Source,
            Days(Holidays),
            Days(ExtraDaysOff),
            Days(WorkingWeekendDays));
    }

    private HashSet<DateOnly> Days(IEnumerable<string> days) => days.Select(day =>
    {
        var parsed = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return parsed.Year == Year ? parsed : throw new FormatException($"{day} is not in {Year}.");
    }).ToHashSet();
}
