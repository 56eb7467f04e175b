using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Domain.Time;

namespace SupportFunctions.UnitTests.Tickets;

/// <summary>The auto-close clock, the first-response target and the staff's field changes, on the Moscow calendar.</summary>
public sealed class TicketClockTests
{
    // Tuesday 1 December 2026, 12:00 Moscow.
    private static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FridayMidnight = new(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);
    private static readonly MessageAuthor Agent = new(AuthorKind.Staff, "agent-1", "Anna");
    private static readonly SupportSchedule Schedule = new(BusinessCalendar.From(new BusinessCalendarOptions()), new SupportScheduleOptions());

    private static Ticket NewTicket(TicketPriority priority = TicketPriority.Normal, DateTimeOffset? at = null)
    {
        var ticket = Ticket.Open(7, "acc-1", "Ivan", new TicketDraft("Crash", "It crashes.", null, null),
            new CoverageChoice(null, null, "general", priority), [], at ?? Tuesday, Schedule);
        ticket.MarkSaved();
        return ticket;
    }

    [Fact]
    public void An_information_request_runs_out_at_the_end_of_the_third_business_day_with_a_reminder_a_day_before()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday.AddHours(1), Schedule);

        Assert.Equal(TicketStatus.AwaitingCustomer, ticket.Status);
        Assert.Equal(FridayMidnight, ticket.AutoCloseAt);
        Assert.Equal(FridayMidnight.AddDays(-1), ticket.ReminderAt);
    }

    [Fact]
    public void A_customer_reply_clears_the_clock_and_a_new_request_starts_it_again()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.Solution, "Try this", [], Tuesday, Schedule);
        ticket.ReplyAsCustomer("Did not help", [], Tuesday.AddDays(1));

        Assert.Null(ticket.AutoCloseAt);
        Assert.Null(ticket.ReminderAt);
        Assert.Equal(Tuesday.AddDays(1), ticket.WaitingSince);

        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Which version?", [], Tuesday.AddDays(2), Schedule);
        // Thursday 3 December: Friday, Monday, Tuesday → Tuesday 8 December 24:00 Moscow.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 21, 0, 0, TimeSpan.Zero), ticket.AutoCloseAt);
    }

    [Fact]
    public void A_plain_staff_reply_or_a_note_leaves_the_clock_alone()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday, Schedule);
        ticket.PostAsStaff(Agent, StaffMessageKind.Reply, "Any news?", [], Tuesday.AddDays(1), Schedule);
        ticket.PostAsStaff(Agent, StaffMessageKind.Note, "Customer is slow", [], Tuesday.AddDays(1), Schedule);

        Assert.Equal(TicketStatus.AwaitingCustomer, ticket.Status);
        Assert.Equal(FridayMidnight, ticket.AutoCloseAt);
    }

    [Fact]
    public void The_sweep_closes_when_due_and_not_a_minute_before()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday, Schedule);
        ticket.MarkSaved();

        Assert.False(ticket.CloseForNoResponse(FridayMidnight.AddMinutes(-1)));
        Assert.Equal(TicketStatus.AwaitingCustomer, ticket.Status);
        Assert.True(ticket.CloseForNoResponse(FridayMidnight));
        Assert.Equal((TicketStatus.Closed, ClosedReason.AutoNoResponse), (ticket.Status, ticket.ClosedReason));
        Assert.Equal("status_closed", ticket.Messages[^1].SystemEvent);
        Assert.Equal(TicketMail.AutoClosedTemplate, Assert.Single(TicketMail.For(ticket)).Template);
        Assert.False(ticket.CloseForNoResponse(FridayMidnight.AddHours(1)));
    }

    [Fact]
    public void The_reminder_is_sent_once_and_not_when_the_close_is_due_already()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday, Schedule);
        ticket.MarkSaved();

        Assert.False(ticket.RemindOfAutoClose(FridayMidnight.AddDays(-1).AddMinutes(-1)));
        Assert.True(ticket.RemindOfAutoClose(FridayMidnight.AddDays(-1)));
        Assert.Equal(TicketMail.AutoCloseReminderTemplate, Assert.Single(TicketMail.For(ticket)).Template);
        ticket.MarkSaved();
        Assert.False(ticket.RemindOfAutoClose(FridayMidnight.AddDays(-1).AddHours(1)));

        var late = NewTicket();
        late.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday, Schedule);
        Assert.False(late.RemindOfAutoClose(FridayMidnight.AddHours(2)));
    }

    [Fact]
    public void The_first_response_target_is_counted_in_business_hours_and_follows_a_priority_change()
    {
        // Friday 4 December 17:00 Moscow, critical: 1 hour → 18:00 the same day; normal: 8 hours → Monday 16:00.
        var friday = new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
        var ticket = NewTicket(TicketPriority.Critical, friday);
        Assert.Equal(friday.AddHours(1), ticket.FirstResponseDueAt);

        ticket.ChangeByStaff(Agent, new StaffChange(Priority: TicketPriority.Normal), friday.AddMinutes(5), Schedule);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero), ticket.FirstResponseDueAt);

        ticket.PostAsStaff(Agent, StaffMessageKind.Note, "Looking", [], friday.AddMinutes(10), Schedule);
        Assert.Null(ticket.FirstRespondedAt);
        ticket.PostAsStaff(Agent, StaffMessageKind.Reply, "On it", [], friday.AddMinutes(20), Schedule);
        Assert.Equal(friday.AddMinutes(20), ticket.FirstRespondedAt);
    }

    [Fact]
    public void Every_field_a_staff_member_changes_lands_in_the_audit_trail_and_no_change_adds_nothing()
    {
        var ticket = NewTicket();
        var anna = new StaffRef("agent-1", "Anna");
        ticket.ChangeByStaff(Agent, new StaffChange(TicketStatus.InProgress, TicketPriority.High, "crypto", true, anna, "incident"), Tuesday.AddHours(1), Schedule);
        ticket.ChangeByStaff(Agent, new StaffChange(Priority: TicketPriority.High, Type: "incident"), Tuesday.AddHours(2), Schedule);
        ticket.ChangeByStaff(Agent, new StaffChange(ChangeAssignee: true), Tuesday.AddHours(3), Schedule);

        Assert.Equal(
            [("priority", "normal", "high"), ("department", "general", "crypto"), ("type", "question", "incident"),
             ("assignee", null, "Anna"), ("status", "open", "in_progress"), ("assignee", "Anna", null)],
            ticket.Audit.Select(a => (a.Field, a.From, a.To)));
        Assert.All(ticket.Audit, a => Assert.Equal(Agent, a.Actor));
        Assert.Equal(Enumerable.Range(1, 6), ticket.Audit.Select(a => a.Sequence));
        Assert.Null(ticket.Assignee);
    }

    [Fact]
    public void A_customer_answer_on_an_assigned_ticket_tells_the_assignee()
    {
        var ticket = NewTicket();
        ticket.ChangeByStaff(Agent, new StaffChange(ChangeAssignee: true, Assignee: new StaffRef("agent-1", "Anna")), Tuesday, Schedule);
        ticket.MarkSaved();
        ticket.ReplyAsCustomer("Here are the logs", [], Tuesday.AddHours(1));

        var mail = Assert.Single(TicketMail.For(ticket));
        Assert.Equal((TicketMail.CustomerRepliedTemplate, "agent-1"), (mail.Template, mail.StaffRecipientId));
    }

    [Fact]
    public void Staff_may_close_and_reopen_a_ticket_and_the_reason_says_staff()
    {
        var ticket = NewTicket();
        ticket.ChangeByStaff(Agent, new StaffChange(Status: TicketStatus.Closed), Tuesday, Schedule);
        Assert.Equal(ClosedReason.Staff, ticket.ClosedReason);
        ticket.ChangeByStaff(Agent, new StaffChange(Status: TicketStatus.Open), Tuesday.AddHours(1), Schedule);
        Assert.Equal((TicketStatus.Open, (ClosedReason?)null), (ticket.Status, ticket.ClosedReason));
    }

    [Fact]
    public void A_follow_up_links_only_from_an_ended_ticket()
    {
        var open = NewTicket();
        Assert.Equal("ticket_not_closed", Assert.Throws<DomainException>(() => open.AddFollowUp(8)).Code);

        open.ResolveByCustomer(Tuesday);
        open.AddFollowUp(8);
        open.AddFollowUp(8);
        Assert.Equal([8L], open.FollowUps);
    }

    [Fact]
    public void A_header_only_ticket_continues_the_stored_sequences()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs, please", [], Tuesday, Schedule);
        ticket.ChangeByStaff(Agent, new StaffChange(Priority: TicketPriority.Low), Tuesday, Schedule);
        ticket.MarkSaved();

        var header = Ticket.Restore(ticket.Snapshot(), []);
        header.CloseForNoResponse(FridayMidnight);

        Assert.Equal(ticket.LastSequence + 1, Assert.Single(header.NewMessages).Sequence);
        Assert.Equal(ticket.Audit.Count + 1, Assert.Single(header.NewAudit).Sequence);
    }
}
