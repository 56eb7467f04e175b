using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Tickets;

/// <summary>The API shapes of tickets. Customers never see internal notes or who on staff wrote by id.</summary>
public static class TicketJson
{
    public static object ForCustomer(LoadedTicket loaded, TimeSpan reopenWindow) => Shape(loaded, reopenWindow, includeInternal: false);

    public static object ForStaff(LoadedTicket loaded, TimeSpan reopenWindow) => Shape(loaded, reopenWindow, includeInternal: true);

    public static object ForList(TicketListPage page) => new
    {
        Items = page.Items.Select(t => new
        {
            t.Id,
            t.Subject,
            t.UpdatedAt,
            LastReplier = Author(t.LastReplier),
            Department = t.DepartmentId,
            t.Type,
            t.Status,
            t.Priority,
        }),
        page.NextCursor,
        page.ResolvedCount,
    };

    private static object Shape(LoadedTicket loaded, TimeSpan reopenWindow, bool includeInternal)
    {
        var t = loaded.Ticket;
        return new
        {
            t.Id,
            t.Subject,
            t.Status,
            t.Priority,
            Department = t.DepartmentId,
            t.Type,
            Certificate = t.Certificate is { } c ? new { c.Id, c.Serial, c.ProductName } : null,
            t.OsVersion,
            t.ProductVersions,
            t.CreatedAt,
            t.UpdatedAt,
            LastReplier = Author(t.LastReplier),
            t.ClosedReason,
            ResolvedAt = t.Status == TicketStatus.Resolved ? t.EndedAt : null,
            ClosedAt = t.Status == TicketStatus.Closed ? t.EndedAt : null,
            // Until when a closed ticket may still be reopened (an addition to the contract, so the page can say it).
            ReopenUntil = t.Status == TicketStatus.Closed ? t.EndedAt + reopenWindow : null,
            Etag = loaded.ETag,
            Messages = t.Messages.Where(m => includeInternal || !m.Internal).Select(m => new
            {
                Id = m.Sequence,
                Author = Author(m.Author),
                m.Body,
                m.CreatedAt,
                Attachments = m.Attachments.Select(a => new { a.Id, a.FileName, a.Size, a.ContentType }),
                Event = m.SystemEvent,
                Internal = includeInternal ? m.Internal : (bool?)null,
            }),
        };
    }

    private static object Author(MessageAuthor author) => new { author.Kind, author.Name };
}
