namespace SupportFunctions.Domain.Tickets;

/// <summary>A ticket as the staff queue shows and filters it: derived from the ticket, carrying the version it reflects.</summary>
public sealed record QueueEntry(
    long Id,
    string AccountId,
    string Subject,
    string CustomerName,
    string DepartmentId,
    string Type,
    TicketStatus Status,
    TicketPriority Priority,
    StaffRef? Assignee,
    CertificateRef? Certificate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset WaitingSince,
    MessageAuthor LastReplier,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? AutoCloseAt,
    int Version)
{
    /// <summary>The customer's current address, filled in by the view (the ticket does not keep it).</summary>
    public string CustomerEmail { get; init; } = "";

    public static QueueEntry Of(Ticket t) => new(
        t.Id, t.AccountId, t.Subject, t.CustomerName, t.DepartmentId, t.Type, t.Status, t.Priority, t.Assignee, t.Certificate,
        t.CreatedAt, t.UpdatedAt, t.WaitingSince, t.LastReplier, t.FirstResponseDueAt, t.FirstRespondedAt, t.AutoCloseAt, t.Version);

    public bool IsActive => Status is not (TicketStatus.Resolved or TicketStatus.Closed);
}

/// <summary>What an agent asks the queue for. <see cref="AssigneeId"/> "" means unassigned; null, anyone.</summary>
public sealed record QueueQuery(
    IReadOnlyList<string> Departments,
    IReadOnlySet<TicketStatus> Statuses,
    TicketPriority? Priority,
    string? AssigneeId,
    string? Text,
    int Limit,
    string? Cursor);

public sealed record QueuePage(IReadOnlyList<QueueEntry> Items, string? NextCursor, IReadOnlyDictionary<TicketStatus, int> Counts);

/// <summary>
/// Port: the staff queue, a view of the tickets kept per department in queue order (priority, then how long the customer
/// has waited). It is brought up to date after each ticket change; an update older than what it shows is ignored.
/// </summary>
public interface IStaffQueue
{
    Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken);
}

/// <summary>A member of staff who has signed in to the desk.</summary>
public sealed record StaffMember(string Id, string Name, string? Email, bool NotifyOnCustomerReply);

/// <summary>Port: the staff who have signed in (for assignment) and their desk preferences.</summary>
public interface IStaffDirectory
{
    /// <summary>Records (cheaply, at most once per process and person) that this member of staff uses the desk.</summary>
    Task SeenAsync(string id, string name, string? email, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken);

    Task<StaffMember?> FindAsync(string id, CancellationToken cancellationToken);

    Task<StaffMember> SetNotifyOnCustomerReplyAsync(string id, bool notify, CancellationToken cancellationToken);
}

/// <summary>A prepared answer agents pick in the composer; <c>{{customerName}}</c>, <c>{{agentName}}</c> and <c>{{ticketId}}</c> are filled in.</summary>
public sealed record SavedReply(string Id, string DepartmentId, string Language, string Title, string Body);

/// <summary>Port: saved replies, per department (or <see cref="AllDepartments"/>) and language.</summary>
public interface ISavedReplies
{
    public const string AllDepartments = "all";

    Task<IReadOnlyList<SavedReply>> ListAsync(string? departmentId, string? language, CancellationToken cancellationToken);

    Task AddAsync(SavedReply reply, CancellationToken cancellationToken);
}

/// <summary>What is due in the auto-close index: a reminder or the close itself, of one ticket.</summary>
public enum AutoCloseStep
{
    Remind,
    Close,
}

public sealed record DueTicket(string Key, string AccountId, long TicketId, AutoCloseStep Step, DateTimeOffset DueAt);

/// <summary>Port: the due-date index of the auto-close clock, kept from the tickets by the change dispatcher.</summary>
public interface IAutoCloseIndex
{
    /// <summary>Everything due at <paramref name="now"/>, oldest first; reads nothing that is not due.</summary>
    IAsyncEnumerable<DueTicket> DueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task DoneAsync(DueTicket due, CancellationToken cancellationToken);
}

/// <summary>The rules of a saved reply: a slug id, a department or "all", ru or en, a title and a body.</summary>
public static class SavedReplyRules
{
    public static SavedReply Validate(string? id, string? departmentId, string? language, string? title, string? body)
    {
        var validator = new Common.Validator()
            .Required("id", id).MaxLength("id", id, 60)
            .Check(id is null || System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]*$"), "id", "Lower-case letters, digits and hyphens.")
            .Required("departmentId", departmentId).MaxLength("departmentId", departmentId, 60)
            .Check(departmentId is null || System.Text.RegularExpressions.Regex.IsMatch(departmentId, "^[a-z0-9][a-z0-9-]*$"), "departmentId", "A department id or all.")
            .Check(language is "ru" or "en", "language", "ru or en.")
            .Required("title", title).MaxLength("title", title, 120)
            .Required("body", body).MaxLength("body", body, Ticket.BodyMaxLength);
        validator.ThrowIfInvalid();
        return new SavedReply(id!, departmentId!, language!, title!.Trim(), body!.Trim());
    }
}
