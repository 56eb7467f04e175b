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

/// <summary>Something that happened to a ticket that the customer is told about by mail.</summary>
public abstract record TicketEvent;

public sealed record StatusChanged(TicketStatus From, TicketStatus To, ClosedReason? Reason) : TicketEvent;

public sealed record StaffReplied(int MessageSequence, string StaffName, string Body, StaffMessageKind Kind) : TicketEvent;

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

    private readonly List<TicketMessage> _messages = [];
    private readonly List<TicketEvent> _events = [];
    private int _savedMessageCount;

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

    public IReadOnlyList<TicketMessage> Messages => _messages;
    /// <summary>Messages added since the ticket was loaded (or created): what a save appends.</summary>
    public IEnumerable<TicketMessage> NewMessages => _messages.Skip(_savedMessageCount);
    public IReadOnlyList<TicketEvent> Events => _events;

    /// <summary>Open and in-progress tickets; "show resolved" lists resolved and closed ones.</summary>
    public bool IsResolvedOrClosed => Status is TicketStatus.Resolved or TicketStatus.Closed;

    public static Ticket Open(
        long id,
        string accountId,
        string customerName,
        TicketDraft draft,
        CoverageChoice coverage,
        IReadOnlyList<Attachment> attachments,
        DateTimeOffset now)
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
            IsNew = true,
        };
        var author = new MessageAuthor(AuthorKind.Customer, accountId, customerName);
        ticket.Append(new TicketMessage(1, author, draft.Description.Trim(), now, attachments));
        ticket.LastReplier = author;
        return ticket;
    }

    /// <summary>Rebuilds a stored ticket; nothing is pending afterwards.</summary>
    public static Ticket Restore(TicketSnapshot stored, IEnumerable<TicketMessage> messages)
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
        };
        ticket._messages.AddRange(messages.OrderBy(m => m.Sequence));
        ticket._savedMessageCount = ticket._messages.Count;
        return ticket;
    }

    public TicketSnapshot Snapshot() => new(
        Id, AccountId, CustomerName, Subject, Status, Priority, DepartmentId, Type, Certificate, ProductId, OsVersion, ProductVersions,
        CreatedAt, UpdatedAt, LastReplier, ClosedReason, EndedAt, AwaitingSince);

    /// <summary>
    /// The customer writes in the thread. A ticket waiting for the customer goes back to support (<c>open</c>), and so does
    /// a resolved one (writing again means it is not solved). A closed ticket must be reopened first.
    /// </summary>
    public void ReplyAsCustomer(string body, IReadOnlyList<Attachment> attachments, DateTimeOffset now)
    {
        if (Status == TicketStatus.Closed)
        {
            throw Refuse("ticket_closed", "The ticket is closed. Reopen it or send a new ticket.");
        }
        var author = new MessageAuthor(AuthorKind.Customer, AccountId, CustomerName);
        Append(new TicketMessage(NextSequence, author, body.Trim(), now, attachments));
        LastReplier = author;
        UpdatedAt = now;
        if (Status is TicketStatus.AwaitingCustomer or TicketStatus.Resolved)
        {
            MoveTo(TicketStatus.Open, null, now, byCustomer: true);
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
        MoveTo(TicketStatus.Resolved, Tickets.ClosedReason.CustomerResolved, now, byCustomer: true);
        UpdatedAt = now;
    }

    /// <summary>Back to support: from <c>resolved</c> at any time, from <c>closed</c> only within <paramref name="window"/> of closing.</summary>
    public void Reopen(DateTimeOffset now, TimeSpan window)
    {
        switch (Status)
        {
            case TicketStatus.Resolved:
                break;
            case TicketStatus.Closed when EndedAt is { } closedAt && now - closedAt > window:
                throw Refuse("reopen_window_passed",
                    $"The ticket was closed more than {window.TotalDays:0} days ago. Send a new ticket instead.");
            case TicketStatus.Closed:
                break;
            default:
                throw Refuse("ticket_not_resolved", "Only a resolved or closed ticket can be reopened.");
        }
        MoveTo(TicketStatus.Open, null, now, byCustomer: true);
        UpdatedAt = now;
    }

    /// <summary>
    /// A staff member posts. A note is internal and changes nothing the customer sees; a reply takes an open ticket into work;
    /// an information request or a solution waits for the customer (and starts the auto-close clock).
    /// </summary>
    public void PostAsStaff(MessageAuthor staff, StaffMessageKind kind, string body, IReadOnlyList<Attachment> attachments, DateTimeOffset now)
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
        _events.Add(new StaffReplied(message.Sequence, staff.Name, message.Body, kind));
        var next = kind switch
        {
            StaffMessageKind.InfoRequest or StaffMessageKind.Solution => TicketStatus.AwaitingCustomer,
            _ when Status is TicketStatus.Open or TicketStatus.Resolved => TicketStatus.InProgress,
            _ => Status,
        };
        if (next != Status)
        {
            MoveTo(next, null, now, byCustomer: false);
        }
        if (next == TicketStatus.AwaitingCustomer)
        {
            AwaitingSince = now;
        }
    }

    /// <summary>Marks what a save wrote: the new messages are stored and the events handed on.</summary>
    public void MarkSaved()
    {
        _savedMessageCount = _messages.Count;
        _events.Clear();
        IsNew = false;
    }

    private int NextSequence => _messages.Count == 0 ? 1 : _messages[^1].Sequence + 1;

    private void Append(TicketMessage message) => _messages.Add(message);

    private void MoveTo(TicketStatus next, ClosedReason? reason, DateTimeOffset now, bool byCustomer)
    {
        var previous = Status;
        Status = next;
        ClosedReason = reason;
        EndedAt = next is TicketStatus.Resolved or TicketStatus.Closed ? now : null;
        if (next != TicketStatus.AwaitingCustomer)
        {
            AwaitingSince = null;
        }
        Append(new TicketMessage(NextSequence, MessageAuthor.System, "", now, [], SystemEvent: $"status_{Wire(next)}"));
        // The customer is mailed about the changes they did not make themselves.
        if (!byCustomer)
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
    DateTimeOffset? AwaitingSince);
