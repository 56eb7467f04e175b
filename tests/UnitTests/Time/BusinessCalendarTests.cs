using SupportFunctions.Domain.Time;

namespace SupportFunctions.UnitTests.Time;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Moscow = BusinessCalendar.From(new BusinessCalendarOptions());

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset MoscowTime(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(3));

    [Theory]
    [InlineData("2026-12-05", false)] // Saturday
    [InlineData("2026-12-06", false)] // Sunday
    [InlineData("2026-12-07", true)]
    [InlineData("2026-01-01", false)]
    [InlineData("2026-01-08", false)]
    [InlineData("2026-01-09", false)] // 3 January (Saturday) moved here by the decree
    [InlineData("2026-01-12", true)]
    [InlineData("2026-12-31", false)] // 4 January (Sunday) moved here
    [InlineData("2026-03-09", false)] // 8 March fell on a Sunday
    [InlineData("2026-05-11", false)] // 9 May fell on a Saturday
    [InlineData("2026-02-23", false)]
    [InlineData("2025-11-01", true)] // a working Saturday
    [InlineData("2025-11-03", false)]
    [InlineData("2025-05-08", false)] // 23 February (Sunday) moved here
    [InlineData("2025-06-13", false)] // 8 March (Saturday) moved here
    [InlineData("2025-02-24", true)] // so 23 February 2025 gave no Monday off
    [InlineData("2027-11-13", true)] // working Saturday in the 2027 draft
    [InlineData("2027-11-05", false)]
    [InlineData("2027-06-14", false)] // 12 June fell on a Saturday
    public void Knows_the_working_days_of_the_Russian_production_calendar(string date, bool working)
    {
        Assert.Equal(working, Moscow.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Shipped_years_have_the_official_number_of_working_days()
    {
        int WorkingDays(int year) => Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365)
            .Count(offset => Moscow.IsWorkingDay(new DateOnly(year, 1, 1).AddDays(offset)));

        Assert.Equal(247, WorkingDays(2025));
        Assert.Equal(247, WorkingDays(2026));
    }

    [Fact]
    public void A_request_received_on_Tuesday_runs_out_at_the_end_of_Friday_Moscow_time()
    {
        Assert.Equal(Utc(2026, 12, 4, 21), Moscow.EndOfBusinessDaysAfter(MoscowTime(2026, 12, 1, 0, 1), 3));
        Assert.Equal(Utc(2026, 12, 4, 21), Moscow.EndOfBusinessDaysAfter(MoscowTime(2026, 12, 1, 23, 59), 3));
    }

    [Fact]
    public void A_request_at_23_59_on_a_Friday_counts_from_Monday()
    {
        // Friday 4 December 2026 23:59 Moscow is 20:59 UTC the same day: Monday, Tuesday, Wednesday.
        Assert.Equal(Utc(2026, 12, 9, 21), Moscow.EndOfBusinessDaysAfter(MoscowTime(2026, 12, 4, 23, 59), 3));
        // One minute later it is Saturday in Moscow, though still Friday in UTC: the same three days.
        Assert.Equal(Utc(2026, 12, 9, 21), Moscow.EndOfBusinessDaysAfter(Utc(2026, 12, 4, 21, 0), 3));
    }

    [Fact]
    public void The_New_Year_holidays_and_the_transferred_31_December_are_skipped()
    {
        // Wednesday 30 December 2026: 31 Dec and 1–10 Jan are off, so the days are 11, 12 and 13 January 2027.
        Assert.Equal(Utc(2027, 1, 13, 21), Moscow.EndOfBusinessDaysAfter(MoscowTime(2026, 12, 30, 15), 3));
    }

    [Fact]
    public void A_working_Saturday_counts_as_a_business_day()
    {
        // Thursday 30 October 2025: Friday 31, Saturday 1 November (working), then 3 and 4 November are off: Wednesday 5.
        Assert.Equal(Utc(2025, 11, 5, 21), Moscow.EndOfBusinessDaysAfter(MoscowTime(2025, 10, 30, 12), 3));
    }

    [Fact]
    public void Business_hours_continue_the_next_working_morning()
    {
        // Monday 17:00 + 4 h: one hour on Monday, three from 09:00 on Tuesday.
        Assert.Equal(MoscowTime(2026, 12, 8, 12), Moscow.AddBusinessTime(MoscowTime(2026, 12, 7, 17), TimeSpan.FromHours(4)));
        // Sent at night: the clock starts at 09:00.
        Assert.Equal(MoscowTime(2026, 12, 8, 10), Moscow.AddBusinessTime(MoscowTime(2026, 12, 8, 2), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Business_hours_skip_weekends_and_holidays()
    {
        // Friday 20 February 2026 17:30 + 2 h: half an hour on Friday, then Monday 23 February is a holiday: Tuesday 10:30.
        Assert.Equal(MoscowTime(2026, 2, 24, 10, 30), Moscow.AddBusinessTime(MoscowTime(2026, 2, 20, 17, 30), TimeSpan.FromHours(2)));
        // A whole working day from the last evening of 2026 lands on Monday 11 January 2027.
        Assert.Equal(MoscowTime(2027, 1, 11, 18), Moscow.AddBusinessTime(MoscowTime(2026, 12, 30, 18), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Business_time_between_two_instants_counts_only_working_hours()
    {
        Assert.Equal(TimeSpan.FromHours(4), Moscow.BusinessTimeBetween(MoscowTime(2026, 12, 7, 17), MoscowTime(2026, 12, 8, 12)));
        Assert.Equal(TimeSpan.Zero, Moscow.BusinessTimeBetween(MoscowTime(2026, 12, 5, 10), MoscowTime(2026, 12, 6, 20)));
    }

    [Fact]
    public void A_year_without_data_is_reported_and_a_draft_year_is_named()
    {
        Assert.Equal([2031], Moscow.Days.YearsWithoutData([2026, 2031]));
        Assert.Equal([2027], Moscow.Days.DraftYears([2025, 2026, 2027]));
    }

    [Fact]
    public void Configuration_adds_a_year()
    {
        var options = new BusinessCalendarOptions();
        options.Years["2031"] = new CalendarYearData { Year = 2031, Source = "test", Holidays = ["2031-01-01", "2031-01-02"] };
        var calendar = BusinessCalendar.From(options);

        Assert.Empty(calendar.Days.YearsWithoutData([2031]));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2031, 1, 3)));
    }

    [Fact]
    public void Another_time_zone_moves_the_day_boundary()
    {
        var vladivostok = BusinessCalendar.From(new BusinessCalendarOptions { TimeZone = "Asia/Vladivostok" });
        // 1 December 2026 20:00 UTC is already Wednesday 2 December in Vladivostok (UTC+10): Thu, Fri, Mon → Monday 24:00 there.
        Assert.Equal(Utc(2026, 12, 7, 14), vladivostok.EndOfBusinessDaysAfter(Utc(2026, 12, 1, 20), 3));
    }
}
