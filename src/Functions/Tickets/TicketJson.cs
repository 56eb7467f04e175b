using System.Text.Json.Serialization;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Tickets;

/// <summary>Where to PUT an attachment's bytes, and the id to link it by.</summary>
public sealed record UploadGrantView(string UploadId, string UploadUrl, DateTimeOffset ExpiresAt);

public sealed record TicketAuthorView(AuthorKind Kind, string Name);

public sealed record AttachmentView(string Id, string FileName, long Size, string ContentType);

public sealed record MessageView(int Id, TicketAuthorView Author, string Body, DateTimeOffset CreatedAt, IReadOnlyList<AttachmentView> Attachments, string? Event, bool? Internal);

public sealed record TicketCertificateView(string Id, string Serial, string? ProductName);

/// <summary>A ticket as its customer sees it: no internal notes, no staff ids.</summary>
public record TicketView
{
    public required long Id { get; init; }
    public required string Subject { get; init; }
    public required TicketStatus Status { get; init; }
    public required TicketPriority Priority { get; init; }
    public required string Department { get; init; }
    public required string Type { get; init; }
    public TicketCertificateView? Certificate { get; init; }
    public string? OsVersion { get; init; }
    public string? ProductVersions { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required TicketAuthorView LastReplier { get; init; }
    public ClosedReason? ClosedReason { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Until when a closed ticket may still be reopened (an addition to the contract, so the page can say it).</summary>
    public DateTimeOffset? ReopenUntil { get; init; }
    public DateTimeOffset? AutoCloseAt { get; init; }
    public DateTimeOffset? FirstResponseDueAt { get; init; }
    public long? FollowUpOf { get; init; }
    public IReadOnlyList<long>? FollowUps { get; init; }
    /// <summary>Grows with every change: how the desk tells that a ticket changed since it was opened.</summary>
    public required int Version { get; init; }
    public required string Etag { get; init; }
    public required IReadOnlyList<MessageView> Messages { get; init; }
}

public sealed record TicketSummaryView(long Id, string Subject, DateTimeOffset UpdatedAt, TicketAuthorView LastReplier, string Department, string Type, TicketStatus Status, TicketPriority Priority);

public sealed record TicketListView(
    IReadOnlyList<TicketSummaryView> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    int ResolvedCount);

/// <summary>The API shapes of tickets. Customers never see internal notes or who on staff wrote by id.</summary>
public static class TicketJson
{
    public static TicketView ForCustomer(LoadedTicket loaded, TimeSpan reopenWindow) => Shape(loaded, reopenWindow, includeInternal: false);

    public static TicketView ForStaff(LoadedTicket loaded, TimeSpan reopenWindow) => Shape(loaded, reopenWindow, includeInternal: true);

    public static TicketListView ForList(TicketListPage page) => new(
        page.Items.Select(t => new TicketSummaryView(t.Id, t.Subject, t.UpdatedAt, Author(t.LastReplier), t.DepartmentId, t.Type, t.Status, t.Priority)).ToList(),
        page.NextCursor,
        page.ResolvedCount);

    private static TicketView Shape(LoadedTicket loaded, TimeSpan reopenWindow, bool includeInternal)
    {
        var t = loaded.Ticket;
        return new TicketView
        {
            Id = t.Id,
            Subject = t.Subject,
            Status = t.Status,
            Priority = t.Priority,
            Department = t.DepartmentId,
            Type = t.Type,
            Certificate = t.Certificate is { } c ? new TicketCertificateView(c.Id, c.Serial, c.ProductName) : null,
            OsVersion = t.OsVersion,
            ProductVersions = t.ProductVersions,
            CreatedAt = t.CreatedAt,
            UpdatedAt = t.UpdatedAt,
            LastReplier = Author(t.LastReplier),
            ClosedReason = t.ClosedReason,
            ResolvedAt = t.Status == TicketStatus.Resolved ? t.EndedAt : null,
            ClosedAt = t.Status == TicketStatus.Closed ? t.EndedAt : null,
            ReopenUntil = t.Status == TicketStatus.Closed ? t.EndedAt + reopenWindow : null,
            AutoCloseAt = t.AutoCloseAt,
            FirstResponseDueAt = t.FirstRespondedAt is null ? t.FirstResponseDueAt : null,
            FollowUpOf = t.FollowUpOf,
            FollowUps = t.FollowUps.Count == 0 ? null : t.FollowUps,
            Version = t.Version,
            Etag = loaded.ETag,
            Messages = t.Messages.Where(m => includeInternal || !m.Internal).Select(m => new MessageView(
                m.Sequence,
                Author(m.Author),
                m.Body,
                m.CreatedAt,
                m.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.Size, a.ContentType)).ToList(),
                m.SystemEvent,
                includeInternal ? m.Internal : null)).ToList(),
        };
    }

    private static TicketAuthorView Author(MessageAuthor author) => new(author.Kind, author.Name);
}
