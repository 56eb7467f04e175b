namespace SupportFunctions.Domain.Tickets;

/// <summary>Ticket settings (section <c>Tickets</c>).</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>How long after closing a customer may still reopen a closed ticket.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(14);

    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    public int MaxAttachmentsPerMessage { get; set; } = 10;

    /// <summary>How long the browser may PUT an upload.</summary>
    public TimeSpan UploadLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an uploaded file waits to be linked to a message before it is forgotten.</summary>
    public TimeSpan UploadKeptFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a download link works.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many ids a process reserves at once (hi/lo).</summary>
    public int IdBlockSize { get; set; } = HiLoTicketIds.DefaultBlockSize;
}
