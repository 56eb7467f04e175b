using System.Text.Json.Serialization;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Tickets;

namespace SupportFunctions.Functions.Desk;

public sealed record PersonView(string Id, string Name);

public sealed record CustomerRefView(string Id, string Name, string Email);

public sealed record QueueCertificateView(string Serial, string? ProductName);

public sealed record AuthorView(AuthorKind Kind, string Name);

public sealed record QueueItemView(
    long Id,
    string Subject,
    CustomerRefView Customer,
    string Department,
    string Type,
    TicketStatus Status,
    TicketPriority Priority,
    PersonView? Assignee,
    QueueCertificateView? Certificate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset WaitingSince,
    AuthorView LastReplier,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? AutoCloseAt,
    int Version);

public sealed record QueueCountsView(IReadOnlyDictionary<string, int> ByStatus);

public sealed record QueuePageView(
    IReadOnlyList<QueueItemView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    QueueCountsView Counts);

public sealed record AuditView(DateTimeOffset At, AuditActorView Actor, string Field, string? From, string? To);

public sealed record AuditActorView(AuthorKind Kind, string? Id, string Name);

public sealed record CustomerCertificateView(string Serial, string ProductId, string ProductName, string Plan, string State, DateTimeOffset ValidTo);

public sealed record OpenTicketView(long Id, string Subject, TicketStatus Status, TicketPriority Priority, DateTimeOffset UpdatedAt);

public sealed record CustomerPanelView(
    string Id,
    string Name,
    string? Email,
    string? Company,
    string? Phone,
    IReadOnlyList<CustomerCertificateView> Certificates,
    IReadOnlyList<OpenTicketView> OpenTickets);

public sealed record AgentView(string Id, string Name, string? Email);

public sealed record AgentsView(IReadOnlyList<AgentView> Items);

public sealed record StaffMeView(string Id, string Name, string? Email, IReadOnlyList<string> Roles, bool NotifyOnCustomerReply);

public sealed record SavedReplyView(string Id, string DepartmentId, string Language, string Title, string Body);

public sealed record SavedRepliesView(IReadOnlyList<SavedReplyView> Items);

/// <summary>A ticket at work: the customer's view with internal notes, plus the customer, the assignee and the audit trail.</summary>
public sealed record StaffTicketJson : TicketView
{
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public StaffTicketJson(TicketView ticket)
        : base(ticket)
    {
    }

    public CustomerPanelView? Customer { get; init; }
    public PersonView? Assignee { get; init; }
    public IReadOnlyList<AuditView> Audit { get; init; } = [];
    public DateTimeOffset? FirstRespondedAt { get; init; }
    /// <summary>The partner that opened the ticket for the customer, if one did (it follows the ticket through the partner API).</summary>
    public string? OpenedByPartner { get; init; }
}

/// <summary>The desk's API shapes: a ticket at work is the customer's view plus what only staff see.</summary>
public static class DeskJson
{
    public static QueuePageView ForQueue(QueuePage page) => new(
        page.Items.Select(e => new QueueItemView(
            e.Id,
            e.Subject,
            new CustomerRefView(e.AccountId, e.CustomerName, e.CustomerEmail),
            e.DepartmentId,
            e.Type,
            e.Status,
            e.Priority,
            e.Assignee is { } a ? new PersonView(a.Id, a.Name) : null,
            e.Certificate is { } c ? new QueueCertificateView(c.Serial, c.ProductName) : null,
            e.CreatedAt,
            e.UpdatedAt,
            e.WaitingSince,
            new AuthorView(e.LastReplier.Kind, e.LastReplier.Name),
            e.FirstResponseDueAt,
            e.FirstRespondedAt,
            e.AutoCloseAt,
            e.Version)).ToList(),
        page.NextCursor,
        new QueueCountsView(page.Counts.ToDictionary(kv => Ticket.Wire(kv.Key), kv => kv.Value)));

    public static StaffTicketJson ForTicket(StaffTicketView view, TimeSpan reopenWindow, DateTimeOffset now) => ForTicket(view.Loaded, Customer(view.Customer, now), reopenWindow);

    /// <summary>A changed ticket as the desk gets it back (the customer panel is loaded with the page, not with every change).</summary>
    public static StaffTicketJson ForTicket(LoadedTicket loaded, CustomerPanelView? customer, TimeSpan reopenWindow)
    {
        var t = loaded.Ticket;
        return new StaffTicketJson(TicketJson.ForStaff(loaded, reopenWindow))
        {
            Customer = customer,
            Assignee = t.Assignee is { } a ? new PersonView(a.Id, a.Name) : null,
            Audit = t.Audit.Select(e => new AuditView(e.At, new AuditActorView(e.Actor.Kind, e.Actor.Id, e.Actor.Name), e.Field, e.From, e.To)).ToList(),
            FirstRespondedAt = t.FirstRespondedAt,
            FirstResponseDueAt = t.FirstResponseDueAt,
            OpenedByPartner = t.PartnerId,
        };
    }

    private static CustomerPanelView Customer(CustomerPanel c, DateTimeOffset now) => new(
        c.Id, c.Name, c.Email, c.Company, c.Phone,
        c.Certificates.Select(r => new CustomerCertificateView(r.Serial, r.ProductId, r.ProductName.Ru, r.Plan, State(r.StateAt(now)), r.ValidTo)).ToList(),
        c.OpenTickets.Select(o => new OpenTicketView(o.Id, o.Subject, o.Status, o.Priority, o.UpdatedAt)).ToList());

    private static string State(CertificateState state) => state switch
    {
        CertificateState.Active => "active",
        CertificateState.Expired => "expired",
        CertificateState.Revoked => "revoked",
        _ => "not_yet_valid",
    };
}
