using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

public enum TicketStatus
{
    Open,
    InProgress,
    AwaitingCustomer,
    Resolved,
    Closed,
}

public enum ClosedReason
{
    AutoNoResponse,
    CustomerResolved,
    Staff,
}

/// <summary>Who wrote a message (Zammad's senders): the customer, a support engineer, or the system itself.</summary>
public enum AuthorKind
{
    Customer,
    Staff,
    System,
}

/// <summary>What a staff member posts: a reply, an internal note, a request for information or a proposed solution.</summary>
public enum StaffMessageKind
{
    Reply,
    Note,
    InfoRequest,
    Solution,
}

public sealed record MessageAuthor(AuthorKind Kind, string? Id, string Name)
{
    public static MessageAuthor System { get; } = new(AuthorKind.System, null, "system");
}

/// <summary>A file linked to a message. <see cref="Id"/> is the upload id the browser got, so it names the blob.</summary>
public sealed record Attachment(string Id, string FileName, long Size, string ContentType);

/// <summary>
/// One entry of the thread. System messages carry a <see cref="SystemEvent"/> code (e.g. <c>status_resolved</c>) instead of
/// prose, so each page renders them in its own language. Internal notes are seen by staff only.
/// </summary>
public sealed record TicketMessage(
    int Sequence,
    MessageAuthor Author,
    string Body,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Attachment> Attachments,
    bool Internal = false,
    string? SystemEvent = null);

public sealed record CertificateRef(string Id, string Serial, string? ProductName);

/// <summary>A staff member a ticket is assigned to.</summary>
public sealed record StaffRef(string Id, string Name);

/// <summary>One line of the audit trail: who changed which field of the ticket from what to what, and when.</summary>
public sealed record AuditEntry(int Sequence, DateTimeOffset At, MessageAuthor Actor, string Field, string? From, string? To);

/// <summary>The fields staff may change on a ticket; null leaves a field as it is (<see cref="ChangeAssignee"/> says whether the assignee changes, to none when <see cref="Assignee"/> is null).</summary>
public sealed record StaffChange(
    TicketStatus? Status = null,
    TicketPriority? Priority = null,
    string? DepartmentId = null,
    bool ChangeAssignee = false,
    StaffRef? Assignee = null,
    string? Type = null);

/// <summary>Something that happened to a ticket that the customer is told about by mail.</summary>
public abstract record TicketEvent;

public sealed record StatusChanged(TicketStatus From, TicketStatus To, ClosedReason? Reason) : TicketEvent;

public sealed record StaffReplied(int MessageSequence, string StaffName, string Body, StaffMessageKind Kind) : TicketEvent;

/// <summary>The customer wrote on a ticket assigned to someone: the assignee may want to know.</summary>
public sealed record CustomerReplied(int MessageSequence, StaffRef Assignee, string Body) : TicketEvent;

/// <summary>The auto-close is one business day away and the customer has not answered.</summary>
public sealed record AutoCloseReminderDue(DateTimeOffset AutoCloseAt) : TicketEvent;

/// <summary>A new ticket: the customer is told it arrived, with its priority and when the first answer is due.</summary>
public sealed record TicketOpened(TicketPriority Priority, DateTimeOffset? FirstResponseDueAt) : TicketEvent;

/// <summary>
/// A support ticket: its status, classification and thread. Every state change is a method here that refuses
/// an illegal move with a Conflict <see cref="DomainException"/> and a stable code.
/// </summary>
public sealed class Ticket
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int VersionFieldMaxLength = 500;
    public const string DefaultType = "question";

    /// <summary>What a ticket is about; staff reclassify it.</summary>
    public static readonly IReadOnlyList<string> Types = ["question", "incident", "problem", "feature_request"];

    private readonly List<TicketMessage> _messages = [];
    private readonly List<TicketEvent> _events = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly List<long> _followUps = [];
    private int _savedMessageCount;
    private int _savedAuditCount;
    private int _auditCount;
    private int _lastSequence;
    private int? _latestSolution;

    private Ticket(long id, string accountId, string customerName, string subject)
    {
        Id = id;
        AccountId = accountId;
        CustomerName = customerName;
        Subject = subject;
    }

    public long Id { get; }
    public string AccountId { get; }
    /// <summary>The customer's name when the ticket was sent: how their messages are signed.</summary>
    public string CustomerName { get; }
    public string Subject { get; }
    public TicketStatus Status { get; private set; }
    public TicketPriority Priority { get; private set; }
    public string DepartmentId { get; private set; } = "";
    public string Type { get; private set; } = DefaultType;
    public CertificateRef? Certificate { get; private set; }
    public string? ProductId { get; private set; }
    public string? OsVersion { get; private set; }
    public string? ProductVersions { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public MessageAuthor LastReplier { get; private set; } = MessageAuthor.System;
    public ClosedReason? ClosedReason { get; private set; }
    /// <summary>When the ticket entered <see cref="TicketStatus.Resolved"/> or <see cref="TicketStatus.Closed"/>.</summary>
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>When support asked the customer for something (info request or solution); the auto-close clock starts here.</summary>
    public DateTimeOffset? AwaitingSince { get; private set; }
    /// <summary>Whether the ticket has never been stored; the store inserts instead of updating.</summary>
    public bool IsNew { get; private set; }
    /// <summary>Grows by one with every save; views derived from the ticket carry it, so an older view update never wins.</summary>
    public int Version { get; private set; }
    public StaffRef? Assignee { get; private set; }
    /// <summary>When the customer last wrote, or when the ticket was sent: how long they have been waiting.</summary>
    public DateTimeOffset WaitingSince { get; private set; }
    /// <summary>When support promised its first answer (business hours of the priority's target).</summary>
    public DateTimeOffset? FirstResponseDueAt { get; private set; }
    /// <summary>When staff first answered the customer (a reply, a request or a solution; not a note).</summary>
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    /// <summary>When the ticket closes itself if the customer does not answer (only while <c>awaiting_customer</c>).</summary>
    public DateTimeOffset? AutoCloseAt { get; private set; }
    /// <summary>When the customer is reminded of the coming auto-close; null once reminded or when there is none.</summary>
    public DateTimeOffset? ReminderAt { get; private set; }
    /// <summary>The earlier ticket this one continues, when the customer could no longer reopen it.</summary>
    public long? FollowUpOf { get; private set; }

    /// <summary>The partner that opened the ticket on the customer's behalf; it alone reads and answers it through the partner API.</summary>
    public string? PartnerId { get; private set; }
    public IReadOnlyList<long> FollowUps => _followUps;

    public IReadOnlyList<TicketMessage> Messages => _messages;
    /// <summary>Messages added since the ticket was loaded (or created): what a save appends.</summary>
    public IEnumerable<TicketMessage> NewMessages => _messages.Skip(_savedMessageCount);
    public IReadOnlyList<AuditEntry> Audit => _audit;
    /// <summary>Audit entries added since the ticket was loaded: what a save appends.</summary>
    public IEnumerable<AuditEntry> NewAudit => _audit.Skip(_savedAuditCount);
    public IReadOnlyList<TicketEvent> Events => _events;
    /// <summary>The sequence number of the last message, known even when the thread was not loaded.</summary>
    public int LastSequence => _lastSequence;
    /// <summary>The version this ticket will have once saved.</summary>
    public int NextVersion => IsNew ? 1 : Version + 1;

    /// <summary>Open and in-progress tickets; "show resolved" lists resolved and closed ones.</summary>
    public bool IsResolvedOrClosed => Status is TicketStatus.Resolved or TicketStatus.Closed;

    public static Ticket Open(
        long id,
        string accountId,
        string customerName,
        TicketDraft draft,
        CoverageChoice coverage,
        IReadOnlyList<Attachment> attachments,
        DateTimeOffset now,
        SupportSchedule schedule,
        long? followUpOf = null,
        string? partnerId = null)
    {
        var ticket = new Ticket(id, accountId, customerName, draft.Subject.Trim())
        {
            Status = TicketStatus.Open,
            Priority = coverage.Priority,
            DepartmentId = coverage.DepartmentId,
            Type = DefaultType,
            Certificate = coverage.Certificate,
            ProductId = coverage.ProductId,
            OsVersion = Normalise(draft.OsVersion),
            ProductVersions = Normalise(draft.ProductVersions),
            CreatedAt = now,
            UpdatedAt = now,
            WaitingSince = now,
            FirstResponseDueAt = schedule.FirstResponseDue(coverage.Priority, now),
            FollowUpOf = followUpOf,
            PartnerId = partnerId,
            IsNew = true,
        };
        var author = new MessageAuthor(AuthorKind.Customer, accountId, customerName);
        ticket.Append(new TicketMessage(1, author, draft.Description.Trim(), now, attachments));
        ticket.LastReplier = author;
        ticket._events.Add(new TicketOpened(ticket.Priority, ticket.FirstResponseDueAt));
        return ticket;
    }

    /// <summary>
    /// Rebuilds a stored ticket; nothing is pending afterwards. Without its thread and audit (a header-only load) it can still
    /// be changed: new messages and entries continue the stored sequences.
    /// </summary>
    public static Ticket Restore(TicketSnapshot stored, IEnumerable<TicketMessage> messages, IEnumerable<AuditEntry>? audit = null)
    {
        var ticket = new Ticket(stored.Id, stored.AccountId, stored.CustomerName, stored.Subject)
        {
            Status = stored.Status,
            Priority = stored.Priority,
            DepartmentId = stored.DepartmentId,
            Type = stored.Type,
            Certificate = stored.Certificate,
            ProductId = stored.ProductId,
            OsVersion = stored.OsVersion,
            ProductVersions = stored.ProductVersions,
            CreatedAt = stored.CreatedAt,
            UpdatedAt = stored.UpdatedAt,
            LastReplier = stored.LastReplier,
            ClosedReason = stored.ClosedReason,
            EndedAt = stored.EndedAt,
            AwaitingSince = stored.AwaitingSince,
            Version = stored.Version,
            Assignee = stored.Assignee,
            WaitingSince = stored.WaitingSince,
            FirstResponseDueAt = stored.FirstResponseDueAt,
            FirstRespondedAt = stored.FirstRespondedAt,
            AutoCloseAt = stored.AutoCloseAt,
            ReminderAt = stored.ReminderAt,
            FollowUpOf = stored.FollowUpOf,
            PartnerId = stored.PartnerId,
            _latestSolution = stored.LatestSolution,
        };
        ticket._messages.AddRange(messages.OrderBy(m => m.Sequence));
        ticket._savedMessageCount = ticket._messages.Count;
        ticket._lastSequence = Math.Max(stored.LastSequence, ticket._messages.Count == 0 ? 0 : ticket._messages[^1].Sequence);
        ticket._audit.AddRange((audit ?? []).OrderBy(a => a.Sequence));
        ticket._savedAuditCount = ticket._audit.Count;
        ticket._auditCount = Math.Max(stored.AuditCount, ticket._audit.Count == 0 ? 0 : ticket._audit[^1].Sequence);
        ticket._followUps.AddRange(stored.FollowUps);
        return ticket;
    }

    public TicketSnapshot Snapshot() => new(
        Id, AccountId, CustomerName, Subject, Status, Priority, DepartmentId, Type, Certificate, ProductId, OsVersion, ProductVersions,
        CreatedAt, UpdatedAt, LastReplier, ClosedReason, EndedAt, AwaitingSince)
    {
        Version = Version,
        Assignee = Assignee,
        WaitingSince = WaitingSince,
        FirstResponseDueAt = FirstResponseDueAt,
        FirstRespondedAt = FirstRespondedAt,
        AutoCloseAt = AutoCloseAt,
        ReminderAt = ReminderAt,
        FollowUpOf = FollowUpOf,
        PartnerId = PartnerId,
        FollowUps = _followUps.ToList(),
        LatestSolution = _latestSolution,
        LastSequence = _lastSequence,
        AuditCount = _auditCount,
    };

    /// <summary>
    /// The customer writes in the thread. A ticket waiting for the customer goes back to support (<c>open</c>), and so does
    /// a resolved one (writing again means it is not solved). A closed ticket must be reopened first.
    /// </summary>
    /// <param name="onBehalf">Who writes on the customer's side when it is not the customer (the partner that opened the ticket).</param>
    public void ReplyAsCustomer(string body, IReadOnlyList<Attachment> attachments, DateTimeOffset now, MessageAuthor? onBehalf = null)
    {
        if (Status == TicketStatus.Closed)
        {
            throw Refuse("ticket_closed", "The ticket is closed. Reopen it or send a new ticket.");
        }
        var author = onBehalf ?? CustomerAuthor;
        var message = new TicketMessage(NextSequence, author, body.Trim(), now, attachments);
        Append(message);
        LastReplier = author;
        UpdatedAt = now;
        WaitingSince = now;
        if (Assignee is { } assignee)
        {
            _events.Add(new CustomerReplied(message.Sequence, assignee, message.Body));
        }
        if (Status is TicketStatus.AwaitingCustomer or TicketStatus.Resolved)
        {
            MoveTo(TicketStatus.Open, null, now, author);
        }
    }

    /// <summary>The customer says the problem is solved: allowed from any status but <c>closed</c>.</summary>
    public void ResolveByCustomer(DateTimeOffset now)
    {
        switch (Status)
        {
            case TicketStatus.Closed:
                throw Refuse("ticket_closed", "The ticket is already closed.");
            case TicketStatus.Resolved:
                throw Refuse("ticket_already_resolved", "The ticket is already resolved.");
        }
        MoveTo(TicketStatus.Resolved, Tickets.ClosedReason.CustomerResolved, now, CustomerAuthor);
        UpdatedAt = now;
    }

    /// <summary>Back to support: from <c>resolved</c> at any time, from <c>closed</c> only within <paramref name="window"/> of closing.</summary>
    public void Reopen(DateTimeOffset now, TimeSpan window)
    {
        switch (Status)
        {
            case TicketStatus.Resolved:
                break;
            case TicketStatus.Closed when !CanReopen(now, window):
                throw Refuse("reopen_window_passed",
                    $"The ticket was closed more than {window.TotalDays:0} days ago. Send a new ticket instead.");
            case TicketStatus.Closed:
                break;
            default:
                throw Refuse("ticket_not_resolved", "Only a resolved or closed ticket can be reopened.");
        }
        MoveTo(TicketStatus.Open, null, now, CustomerAuthor);
        UpdatedAt = now;
        WaitingSince = now;
    }

    /// <summary>Whether the customer may still reopen this ticket at <paramref name="now"/>.</summary>
    public bool CanReopen(DateTimeOffset now, TimeSpan window) =>
        Status == TicketStatus.Resolved || (Status == TicketStatus.Closed && EndedAt is { } closedAt && now - closedAt <= window);

    /// <summary>
    /// A staff member posts. A note is internal and changes nothing the customer sees; a reply takes an open ticket into work;
    /// an information request or a solution waits for the customer and starts the auto-close clock (again, if it was running).
    /// </summary>
    public void PostAsStaff(MessageAuthor staff, StaffMessageKind kind, string body, IReadOnlyList<Attachment> attachments, DateTimeOffset now, SupportSchedule schedule)
    {
        if (Status == TicketStatus.Closed)
        {
            throw Refuse("ticket_closed", "The ticket is closed.");
        }
        var message = new TicketMessage(NextSequence, staff, body.Trim(), now, attachments, Internal: kind == StaffMessageKind.Note);
        Append(message);
        if (kind == StaffMessageKind.Note)
        {
            return;
        }
        LastReplier = staff;
        UpdatedAt = now;
        FirstRespondedAt ??= now;
        _events.Add(new StaffReplied(message.Sequence, staff.Name, message.Body, kind));
        _latestSolution = kind == StaffMessageKind.Solution ? message.Sequence : null;
        var next = kind switch
        {
            StaffMessageKind.InfoRequest or StaffMessageKind.Solution => TicketStatus.AwaitingCustomer,
            _ when Status is TicketStatus.Open or TicketStatus.Resolved => TicketStatus.InProgress,
            _ => Status,
        };
        if (next != Status)
        {
            MoveTo(next, null, now, staff);
        }
        if (next == TicketStatus.AwaitingCustomer && kind != StaffMessageKind.Reply)
        {
            StartAutoCloseClock(now, schedule);
        }
    }

    /// <summary>Staff change the ticket's fields; each change that is really a change lands in the audit trail.</summary>
    public void ChangeByStaff(MessageAuthor staff, StaffChange change, DateTimeOffset now, SupportSchedule schedule)
    {
        var changed = false;
        if (change.Priority is { } priority && priority != Priority)
        {
            Record(now, staff, "priority", Wire(Priority), Wire(priority));
            Priority = priority;
            if (FirstRespondedAt is null)
            {
                FirstResponseDueAt = schedule.FirstResponseDue(priority, CreatedAt);
            }
            changed = true;
        }
        if (change.DepartmentId is { } department && department != DepartmentId)
        {
            Record(now, staff, "department", DepartmentId, department);
            DepartmentId = department;
            changed = true;
        }
        if (change.Type is { } type && type != Type)
        {
            Record(now, staff, "type", Type, type);
            Type = type;
            changed = true;
        }
        if (change.ChangeAssignee && change.Assignee?.Id != Assignee?.Id)
        {
            Record(now, staff, "assignee", Assignee?.Name, change.Assignee?.Name);
            Assignee = change.Assignee;
            changed = true;
        }
        if (change.Status is { } status && status != Status)
        {
            var reason = status is TicketStatus.Resolved or TicketStatus.Closed ? Tickets.ClosedReason.Staff : (ClosedReason?)null;
            MoveTo(status, reason, now, staff);
            if (status == TicketStatus.AwaitingCustomer)
            {
                StartAutoCloseClock(now, schedule);
            }
            changed = true;
        }
        if (changed)
        {
            UpdatedAt = now;
        }
    }

    /// <summary>
    /// The auto-close sweep: a ticket still waiting for the customer whose moment has passed is closed as no longer relevant.
    /// Returns false (and changes nothing) when the customer answered meanwhile or the moment is still ahead.
    /// </summary>
    public bool CloseForNoResponse(DateTimeOffset now)
    {
        if (Status != TicketStatus.AwaitingCustomer || AutoCloseAt is not { } due || due > now)
        {
            return false;
        }
        MoveTo(TicketStatus.Closed, Tickets.ClosedReason.AutoNoResponse, now, MessageAuthor.System);
        UpdatedAt = now;
        return true;
    }

    /// <summary>The reminder before the auto-close, once: returns false when it is not due or was sent.</summary>
    public bool RemindOfAutoClose(DateTimeOffset now)
    {
        if (Status != TicketStatus.AwaitingCustomer || ReminderAt is not { } due || due > now || AutoCloseAt is not { } closesAt || closesAt <= now)
        {
            return false;
        }
        ReminderAt = null;
        _events.Add(new AutoCloseReminderDue(closesAt));
        return true;
    }

    /// <summary>The sequence of the newest solution staff proposed, or null.</summary>
    public int? LatestSolutionSequence => _latestSolution;

    /// <summary>
    /// The customer answers a proposed solution from the mail's link: "solved" resolves the ticket, "not solved" sends it back to
    /// support with a system message. Only the newest solution of a ticket still waiting on it can be answered, and only once.
    /// </summary>
    public void AnswerSolution(int solutionSequence, bool solved, DateTimeOffset now)
    {
        if (Status != TicketStatus.AwaitingCustomer || _latestSolution != solutionSequence)
        {
            throw Refuse("answer_link_used", "This link has been used, or the ticket has moved on since. Open the ticket to see where it stands.");
        }
        if (solved)
        {
            ResolveByCustomer(now);
            return;
        }
        Append(new TicketMessage(NextSequence, MessageAuthor.System, "", now, [], SystemEvent: "solution_rejected"));
        MoveTo(TicketStatus.Open, null, now, CustomerAuthor);
        UpdatedAt = now;
        WaitingSince = now;
    }

    /// <summary>Links a new ticket that continues this one (after the reopen window).</summary>
    public void AddFollowUp(long ticketId)
    {
        if (!IsResolvedOrClosed)
        {
            throw Refuse("ticket_not_closed", "Only a resolved or closed ticket gets a follow-up; reply on this one instead.");
        }
        if (!_followUps.Contains(ticketId))
        {
            _followUps.Add(ticketId);
        }
    }

    /// <summary>Marks what a save wrote: the new messages are stored and the events handed on.</summary>
    public void MarkSaved()
    {
        Version = NextVersion;
        _savedMessageCount = _messages.Count;
        _savedAuditCount = _audit.Count;
        _events.Clear();
        IsNew = false;
    }

    private MessageAuthor CustomerAuthor => new(AuthorKind.Customer, AccountId, CustomerName);

    private int NextSequence => _lastSequence + 1;

    private void Append(TicketMessage message)
    {
        _messages.Add(message);
        _lastSequence = message.Sequence;
    }

    private void Record(DateTimeOffset now, MessageAuthor actor, string field, string? from, string? to) =>
        _audit.Add(new AuditEntry(++_auditCount, now, actor, field, from, to));

    private void StartAutoCloseClock(DateTimeOffset now, SupportSchedule schedule)
    {
        AwaitingSince = now;
        AutoCloseAt = schedule.AutoCloseAt(now);
        ReminderAt = schedule.ReminderAt(now);
    }

    private void MoveTo(TicketStatus next, ClosedReason? reason, DateTimeOffset now, MessageAuthor actor)
    {
        var previous = Status;
        Status = next;
        ClosedReason = reason;
        EndedAt = next is TicketStatus.Resolved or TicketStatus.Closed ? now : null;
        if (next != TicketStatus.AwaitingCustomer)
        {
            AwaitingSince = null;
            AutoCloseAt = null;
            ReminderAt = null;
        }
        Append(new TicketMessage(NextSequence, MessageAuthor.System, "", now, [], SystemEvent: $"status_{Wire(next)}"));
        Record(now, actor, "status", Wire(previous), Wire(next));
        // The customer is mailed about the changes they did not make themselves.
        if (actor.Kind != AuthorKind.Customer)
        {
            _events.Add(new StatusChanged(previous, next, reason));
        }
    }

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The snake_case name the API and storage use.</summary>
    public static string Wire(TicketStatus status) => status switch
    {
        TicketStatus.Open => "open",
        TicketStatus.InProgress => "in_progress",
        TicketStatus.AwaitingCustomer => "awaiting_customer",
        TicketStatus.Resolved => "resolved",
        _ => "closed",
    };

    public static string Wire(TicketPriority priority) => priority.ToString().ToLowerInvariant();

    private static DomainException Refuse(string code, string message) => new(FailureKind.Conflict, code, message);
}

/// <summary>What a customer writes when sending a ticket.</summary>
public sealed record TicketDraft(string Subject, string Description, string? OsVersion, string? ProductVersions);

/// <summary>The classification a ticket gets from the rules: the certificate's plan and the product's department, or the general queue.</summary>
public sealed record CoverageChoice(CertificateRef? Certificate, string? ProductId, string DepartmentId, TicketPriority Priority);

/// <summary>A ticket's own fields as stored, without its thread.</summary>
public sealed record TicketSnapshot(
    long Id,
    string AccountId,
    string CustomerName,
    string Subject,
    TicketStatus Status,
    TicketPriority Priority,
    string DepartmentId,
    string Type,
    CertificateRef? Certificate,
    string? ProductId,
    string? OsVersion,
    string? ProductVersions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    MessageAuthor LastReplier,
    ClosedReason? ClosedReason,
    DateTimeOffset? EndedAt,
    DateTimeOffset? AwaitingSince)
{
    public int Version { get; init; }
    public StaffRef? Assignee { get; init; }
    public DateTimeOffset WaitingSince { get; init; }
    public DateTimeOffset? FirstResponseDueAt { get; init; }
    public DateTimeOffset? FirstRespondedAt { get; init; }
    public DateTimeOffset? AutoCloseAt { get; init; }
    public DateTimeOffset? ReminderAt { get; init; }
    public long? FollowUpOf { get; init; }
    public string? PartnerId { get; init; }
    public IReadOnlyList<long> FollowUps { get; init; } = [];
    public int LastSequence { get; init; }
    public int AuditCount { get; init; }
    /// <summary>The message sequence of the newest solution while it is the last thing staff said; answer links name it.</summary>
    public int? LatestSolution { get; init; }
}
