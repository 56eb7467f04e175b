using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Domain.Time;

namespace SupportFunctions.UnitTests.Tickets;

public sealed class TicketTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private static readonly MessageAuthor Agent = new(AuthorKind.Staff, "agent-1", "Anna");
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly SupportSchedule Schedule = new(BusinessCalendar.From(new BusinessCalendarOptions()), new SupportScheduleOptions());

    private static Ticket OpenedTicket() => Ticket.Open(
        1001, "acc-1", "Ivan", new TicketDraft("  Crash on start ", "It crashes.", "Windows 11", " 5.2 "),
        new CoverageChoice(new CertificateRef("c1", "SN-1", "Product"), "p1", "dept-a", TicketPriority.High), [], Now, Schedule);

    /// <summary>A new ticket as stored: its opening (and the receipt mail it causes) already saved.</summary>
    private static Ticket NewTicket()
    {
        var ticket = OpenedTicket();
        ticket.MarkSaved();
        return ticket;
    }

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void A_new_ticket_is_open_with_the_coverage_priority_and_the_description_as_first_message()
    {
        var ticket = OpenedTicket();

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(TicketPriority.High, ticket.Priority);
        Assert.Equal("dept-a", ticket.DepartmentId);
        Assert.Equal("Crash on start", ticket.Subject);
        Assert.Equal("5.2", ticket.ProductVersions);
        var first = Assert.Single(ticket.Messages);
        Assert.Equal(AuthorKind.Customer, first.Author.Kind);
        Assert.Equal("It crashes.", first.Body);
        var opened = Assert.IsType<TicketOpened>(Assert.Single(ticket.Events));
        Assert.Equal(TicketPriority.High, opened.Priority);
        var receipt = Assert.Single(TicketMail.For(ticket));
        Assert.Equal(TicketMail.OpenedTemplate, receipt.Template);
        Assert.Equal("high", receipt.Values["priority"]);
        Assert.Equal(ticket.FirstResponseDueAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), receipt.Values["firstResponseDueAt"]);
    }

    [Fact]
    public void A_customer_reply_sends_a_ticket_awaiting_the_customer_back_to_support()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Which version?", [], Now.AddHours(1), Schedule);
        Assert.Equal(TicketStatus.AwaitingCustomer, ticket.Status);
        Assert.Equal(Now.AddHours(1), ticket.AwaitingSince);

        ticket.ReplyAsCustomer("5.2.1", [], Now.AddHours(2));

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Null(ticket.AwaitingSince);
        Assert.Equal(AuthorKind.Customer, ticket.LastReplier.Kind);
        Assert.Equal("status_open", ticket.Messages[^1].SystemEvent);
    }

    [Fact]
    public void A_customer_reply_to_an_open_ticket_keeps_its_status_and_adds_no_system_message()
    {
        var ticket = NewTicket();
        ticket.ReplyAsCustomer("More details", [], Now.AddMinutes(5));

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(2, ticket.Messages.Count);
        Assert.Equal(Now.AddMinutes(5), ticket.UpdatedAt);
    }

    [Fact]
    public void A_closed_ticket_refuses_replies_until_it_is_reopened()
    {
        var ticket = Closed(Now);

        Assert.Equal("ticket_closed", Code(() => ticket.ReplyAsCustomer("hello?", [], Now.AddDays(1))));
        Assert.Equal("ticket_closed", Code(() => ticket.PostAsStaff(Agent, StaffMessageKind.Reply, "x", [], Now.AddDays(1), Schedule)));
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.InProgress)]
    [InlineData(TicketStatus.AwaitingCustomer)]
    public void The_customer_may_resolve_a_ticket_in_any_status_but_closed(TicketStatus status)
    {
        var ticket = InStatus(status);
        ticket.ResolveByCustomer(Now.AddDays(1));

        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(ClosedReason.CustomerResolved, ticket.ClosedReason);
        Assert.Empty(ticket.Events.OfType<StatusChanged>());
    }

    [Fact]
    public void Resolving_twice_or_resolving_a_closed_ticket_is_a_conflict()
    {
        var resolved = NewTicket();
        resolved.ResolveByCustomer(Now);

        Assert.Equal("ticket_already_resolved", Code(() => resolved.ResolveByCustomer(Now)));
        Assert.Equal("ticket_closed", Code(() => Closed(Now).ResolveByCustomer(Now)));
        Assert.Equal(FailureKind.Conflict, Assert.Throws<DomainException>(() => resolved.ResolveByCustomer(Now)).Kind);
    }

    [Fact]
    public void A_resolved_ticket_reopens_at_any_time()
    {
        var ticket = NewTicket();
        ticket.ResolveByCustomer(Now);
        ticket.Reopen(Now.AddDays(400), Window);

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Null(ticket.ClosedReason);
        Assert.Null(ticket.EndedAt);
    }

    [Fact]
    public void A_closed_ticket_reopens_only_within_the_window()
    {
        var inTime = Closed(Now);
        inTime.Reopen(Now + Window, Window);
        Assert.Equal(TicketStatus.Open, inTime.Status);

        Assert.Equal("reopen_window_passed", Code(() => Closed(Now).Reopen(Now + Window + TimeSpan.FromMinutes(1), Window)));
    }

    [Fact]
    public void Only_resolved_or_closed_tickets_reopen()
    {
        Assert.Equal("ticket_not_resolved", Code(() => NewTicket().Reopen(Now, Window)));
        Assert.Equal("ticket_not_resolved", Code(() => InStatus(TicketStatus.AwaitingCustomer).Reopen(Now, Window)));
    }

    [Fact]
    public void A_staff_reply_takes_an_open_ticket_into_work_and_tells_the_customer_once()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.Reply, "Looking into it", [], Now.AddHours(1), Schedule);

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(Agent, ticket.LastReplier);
        var mail = Assert.Single(TicketMail.For(ticket));
        Assert.Equal(TicketMail.StaffReplyTemplate, mail.Template);
        Assert.Equal("in_progress", mail.Values["status"]);
        Assert.Equal("Looking into it", mail.Values["body"]);
    }

    [Fact]
    public void An_internal_note_changes_nothing_the_customer_sees_and_mails_nobody()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.Note, "Customer is on an old build", [], Now.AddHours(1), Schedule);

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(Now, ticket.UpdatedAt);
        Assert.True(ticket.Messages[^1].Internal);
        Assert.Empty(TicketMail.For(ticket));
    }

    [Fact]
    public void Saving_clears_the_events_and_marks_messages_as_stored()
    {
        var ticket = NewTicket();
        ticket.PostAsStaff(Agent, StaffMessageKind.Solution, "Update to 5.3", [], Now.AddHours(1), Schedule);
        Assert.NotEmpty(ticket.NewMessages);

        ticket.MarkSaved();

        Assert.Empty(ticket.NewMessages);
        Assert.Empty(ticket.Events);
        Assert.False(ticket.IsNew);
    }

    [Fact]
    public void A_restored_ticket_has_the_stored_state_and_nothing_pending()
    {
        var original = NewTicket();
        original.ReplyAsCustomer("second", [], Now.AddMinutes(1));

        var restored = Ticket.Restore(original.Snapshot(), original.Messages.Reverse());

        Assert.Equal(original.Snapshot() with { FollowUps = [] }, restored.Snapshot() with { FollowUps = [] });
        Assert.Equal([1, 2], restored.Messages.Select(m => m.Sequence));
        Assert.Empty(restored.NewMessages);
    }

    private static Ticket InStatus(TicketStatus status)
    {
        var ticket = NewTicket();
        switch (status)
        {
            case TicketStatus.InProgress:
                ticket.PostAsStaff(Agent, StaffMessageKind.Reply, "On it", [], Now, Schedule);
                break;
            case TicketStatus.AwaitingCustomer:
                ticket.PostAsStaff(Agent, StaffMessageKind.InfoRequest, "Logs please", [], Now, Schedule);
                break;
        }
        Assert.Equal(status, ticket.Status);
        ticket.MarkSaved();
        return ticket;
    }

    private static Ticket Closed(DateTimeOffset closedAt)
    {
        var open = NewTicket().Snapshot();
        return Ticket.Restore(open with { Status = TicketStatus.Closed, ClosedReason = ClosedReason.AutoNoResponse, EndedAt = closedAt }, []);
    }
}
