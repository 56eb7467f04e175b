using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportFunctions.Domain.Operations;

namespace SupportFunctions.Functions.Operations;

/// <summary>Says at start-up when the business calendar lacks this year or the next, or holds only a draft of it.</summary>
public sealed partial class CalendarReport(CheckHealth health, ILogger<CalendarReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var calendar = health.Calendar();
        foreach (var year in calendar.MissingYears)
        {
            LogMissing(calendar.Country, year);
        }
        foreach (var year in calendar.DraftYears)
        {
            LogDraft(calendar.Country, year);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The business calendar ({Country}) has no data for {Year}: Monday to Friday count as working days until it is added (BusinessCalendar:Years)")]
    private partial void LogMissing(string country, int year);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The business calendar ({Country}) holds only a draft for {Year}: check it against the signed decree")]
    private partial void LogDraft(string country, int year);
}
