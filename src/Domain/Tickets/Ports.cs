namespace SupportFunctions.Domain.Tickets;

/// <summary>A file the customer asked to upload and has not linked yet. Its blob is named by the server from the account and <see cref="Id"/>.</summary>
public sealed record PendingUpload(string Id, string FileName, long DeclaredSize, DateTimeOffset ExpiresAt);

/// <summary>A mail about a ticket, stored with the change that causes it (outbox) until it is on the notifications queue; to the customer unless <see cref="StaffRecipientId"/> names a member of staff.</summary>
public sealed record PendingMail(string Id, string Template, IReadOnlyDictionary<string, string> Values, string? StaffRecipientId = null);

/// <summary>A ticket as loaded for a change, with the caller's pending uploads that change may link.</summary>
public sealed record LoadedTicket(Ticket Ticket, string ETag, IReadOnlyList<PendingUpload> Uploads);

/// <summary>One row of "My tickets".</summary>
public sealed record TicketSummary(
    long Id,
    string Subject,
    DateTimeOffset UpdatedAt,
    MessageAuthor LastReplier,
    string DepartmentId,
    string Type,
    TicketStatus Status,
    TicketPriority Priority);

public sealed record TicketListPage(IReadOnlyList<TicketSummary> Items, string? NextCursor, int ResolvedCount);

/// <summary>
/// Port: tickets, their threads, the customer's list and pending uploads. One customer's tickets share a partition, so
/// a change to a ticket, its place in the list, the uploads it links and the mail it causes commit together.
/// </summary>
public interface ITicketStore
{
    Task<TicketListPage> ListAsync(string accountId, bool resolved, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>The ticket with its whole thread and the caller's pending uploads among <paramref name="uploadIds"/>; null when it is not this account's.</summary>
    Task<LoadedTicket?> LoadAsync(string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingUpload>> FindUploadsAsync(string accountId, IReadOnlyCollection<string> uploadIds, CancellationToken cancellationToken);

    Task AddUploadAsync(string accountId, PendingUpload upload, CancellationToken cancellationToken);

    /// <summary>The account a ticket belongs to, for staff who know only its id.</summary>
    Task<string?> OwnerOfAsync(long ticketId, CancellationToken cancellationToken);

    /// <summary>The ticket's own fields without its thread (point reads only): enough to change its status.</summary>
    Task<LoadedTicket?> LoadHeaderAsync(string accountId, long ticketId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new ticket or the changes to a loaded one (guarded by <paramref name="etag"/>), consuming the pending uploads
    /// its new messages link and recording <paramref name="mail"/> in the outbox, all in one transaction. A change with mail
    /// first registers it for the outbox repair, so mail a crash leaves behind is still sent.
    /// Throws StaleVersion <c>ticket_changed</c> when someone else changed the ticket since it was loaded. A <paramref name="linked"/>
    /// ticket of the same customer (the earlier ticket a follow-up continues) is saved in the same transaction. Every save is
    /// announced to the views derived from tickets (staff queue, auto-close index) and to mail before it commits.
    /// </summary>
    /// <returns>The ticket's new ETag.</returns>
    Task<string> SaveAsync(Ticket ticket, string? etag, IReadOnlyList<PendingMail> mail, CancellationToken cancellationToken, LoadedTicket? linked = null);

    /// <summary>Removes an outbox row once its mail is on the queue.</summary>
    Task MailSentAsync(string accountId, long ticketId, string mailId, CancellationToken cancellationToken);
}

/// <summary>What the first bytes and the size of an uploaded blob are.</summary>
public sealed record UploadedBlob(long Size, byte[] Head);

/// <summary>Port: the blobs behind attachments. Names come from the account and upload id only, never from the user's file name.</summary>
public interface IAttachmentBlobs
{
    /// <summary>A URL that lets the bearer create this one blob (and nothing else) until <paramref name="expiresAt"/>.</summary>
    Task<Uri> UploadUrlAsync(string accountId, string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <returns>null when nothing was uploaded.</returns>
    Task<UploadedBlob?> ProbeAsync(string accountId, string uploadId, CancellationToken cancellationToken);

    Task DeleteAsync(string accountId, string uploadId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes an upload that passed the checks out of the pending uploads (idempotent; a second call finds it taken), so the
    /// storage lifecycle rule that deletes never-linked uploads leaves it alone.
    /// </summary>
    Task KeepAsync(string accountId, string uploadId, CancellationToken cancellationToken);

    /// <summary>A URL that serves the blob with this name and type, as a download or (for raster images) inline, until <paramref name="expiresAt"/>.</summary>
    Task<Uri> DownloadUrlAsync(string accountId, Attachment attachment, bool inline, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>What a one-click answer link in a solution mail stands for: this customer's answer to this solution message, until a moment.</summary>
public sealed record SolutionLink(string AccountId, long TicketId, int MessageSequence, DateTimeOffset ExpiresAt);

/// <summary>Port: signs and checks one-click answer links (HMAC with a key the server keeps).</summary>
public interface ISolutionLinks
{
    Task<string> SignAsync(SolutionLink link, CancellationToken cancellationToken);

    /// <returns>null when the token is malformed or its signature is wrong.</returns>
    Task<SolutionLink?> VerifyAsync(string token, CancellationToken cancellationToken);
}
