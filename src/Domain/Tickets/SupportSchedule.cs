using SupportFunctions.Domain.Time;

namespace SupportFunctions.Domain.Tickets;

/// <summary>Support's promises in time (section <c>Support</c>): first-response targets and the auto-close clock.</summary>
public sealed class SupportScheduleOptions
{
    public const string Section = "Support";

    /// <summary>Working time within which a ticket of each priority gets its first answer.</summary>
    public Dictionary<TicketPriority, TimeSpan> FirstResponseTargets { get; set; } = new()
    {
        [TicketPriority.Critical] = TimeSpan.FromHours(1),
        [TicketPriority.High] = TimeSpan.FromHours(4),
        [TicketPriority.Normal] = TimeSpan.FromHours(8),
        [TicketPriority.Low] = TimeSpan.FromHours(16),
        [TicketPriority.Minimal] = TimeSpan.FromHours(24),
    };

    /// <summary>Business days a customer has to answer a request or a solution before the ticket closes itself.</summary>
    public int AutoCloseBusinessDays { get; set; } = 3;

    /// <summary>Business days before the auto-close that the customer is reminded; 0 sends no reminder.</summary>
    public int ReminderBusinessDaysBefore { get; set; } = 1;
}

/// <summary>When support owes an answer and when a customer's silence closes a ticket, on the business calendar.</summary>
public sealed class SupportSchedule(BusinessCalendar calendar, SupportScheduleOptions options)
{
    public BusinessCalendar Calendar => calendar;

    public DateTimeOffset FirstResponseDue(TicketPriority priority, DateTimeOffset createdAt) =>
        calendar.AddBusinessTime(createdAt, options.FirstResponseTargets.GetValueOrDefault(priority, TimeSpan.FromHours(24)));

    /// <summary>The end of the last business day the customer has to answer what they received at <paramref name="receivedAt"/>.</summary>
    public DateTimeOffset AutoCloseAt(DateTimeOffset receivedAt) => calendar.EndOfBusinessDaysAfter(receivedAt, options.AutoCloseBusinessDays);

    /// <summary>When to remind the customer before the auto-close; null when reminders are off.</summary>
    public DateTimeOffset? ReminderAt(DateTimeOffset receivedAt)
    {
        var before = options.ReminderBusinessDaysBefore;
        if (before <= 0 || before >= options.AutoCloseBusinessDays)
        {
            return null;
        }
        return calendar.EndOfBusinessDaysAfter(receivedAt, options.AutoCloseBusinessDays - before);
    }
}
