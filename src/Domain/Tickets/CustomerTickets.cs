using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Tickets;

public sealed record SendTicket(
    string? CertificateId,
    string? Subject,
    string? Description,
    string? OsVersion,
    string? ProductVersions,
    IReadOnlyList<string>? AttachmentIds,
    long? FollowUpOf = null)
{
    /// <summary>Set by the partner API, never read from a customer's request.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? PartnerId { get; init; }
}

public sealed record UploadGrant(string UploadId, Uri UploadUrl, DateTimeOffset ExpiresAt);

/// <summary>What a customer does with their tickets. Every ticket is looked up in the caller's own partition: another's is 404.</summary>
public sealed class CustomerTickets(
    ITicketStore store,
    ITicketIds ids,
    ICertificateCoverage coverage,
    ISolutionLinks solutionLinks,
    IAccountDirectory accounts,
    IAttachmentBlobs blobs,
    AttachmentRules attachmentRules,
    SupportSchedule schedule,
    IClock clock,
    TicketOptions options)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<UploadGrant> RequestUploadAsync(CustomerCaller caller, string? fileName, string? contentType, long size, CancellationToken cancellationToken)
    {
        attachmentRules.ValidateUpload(fileName, contentType, size);
        var now = clock.UtcNow;
        var uploadId = Guid.NewGuid().ToString("N");
        var name = Path.GetFileName(fileName!.Replace('\\', '/').Trim());
        await store.AddUploadAsync(caller.AccountId, new PendingUpload(uploadId, name, size, now + options.UploadKeptFor), cancellationToken);
        var linkExpiresAt = now + options.UploadLinkLifetime;
        var url = await blobs.UploadUrlAsync(caller.AccountId, uploadId, linkExpiresAt, cancellationToken);
        return new UploadGrant(uploadId, url, linkExpiresAt);
    }

    /// <summary>Checks a new ticket's fields (refused with every problem at once); returns the attachment ids it links.</summary>
    public IReadOnlyList<string> ValidateDraft(SendTicket request)
    {
        var validator = new Validator()
            .Required("subject", request.Subject)
            .MaxLength("subject", request.Subject?.Trim(), Ticket.SubjectMaxLength)
            .VisibleText("subject", request.Subject)
            .Required("description", request.Description)
            .MaxLength("description", request.Description, Ticket.BodyMaxLength)
            .MaxLength("osVersion", request.OsVersion, Ticket.VersionFieldMaxLength)
            .MaxLength("productVersions", request.ProductVersions, Ticket.VersionFieldMaxLength)
            .MaxLength("certificateId", request.CertificateId, 100);
        var attachmentIds = attachmentRules.ValidateIds(request.AttachmentIds, validator);
        validator.ThrowIfInvalid();
        return attachmentIds;
    }

    public async Task<LoadedTicket> SendAsync(CustomerCaller caller, SendTicket request, CancellationToken cancellationToken)
    {
        var attachmentIds = ValidateDraft(request);
        var now = clock.UtcNow;
        var choice = await CoverageAsync(caller.AccountId, request.CertificateId, now, cancellationToken);
        var pending = attachmentIds.Count == 0 ? [] : await store.FindUploadsAsync(caller.AccountId, attachmentIds, cancellationToken);
        var attachments = await attachmentRules.CheckAsync(caller.AccountId, attachmentIds, pending, now, cancellationToken);
        // The session knows the customer's name; only a session from before names were kept in it costs a read of the account.
        var name = caller.DisplayName ?? (await accounts.FindAsync(caller.AccountId, cancellationToken))?.DisplayName ?? "";

        var earlier = request.FollowUpOf is { } earlierId
            ? await store.LoadHeaderAsync(caller.AccountId, earlierId, cancellationToken) ?? throw FollowUpNotFound()
            : null;
        var draft = new TicketDraft(request.Subject!, request.Description!, request.OsVersion, request.ProductVersions);
        var ticket = Ticket.Open(await ids.NextAsync(cancellationToken), caller.AccountId, name, draft, choice, attachments, now,
            schedule, earlier?.Ticket.Id, request.PartnerId);
        earlier?.Ticket.AddFollowUp(ticket.Id);
        var etag = await store.SaveAsync(ticket, null, TicketMail.For(ticket), cancellationToken, earlier);
        ticket.MarkSaved();
        return new LoadedTicket(ticket, etag, []);
    }

    public Task<TicketListPage> ListAsync(CustomerCaller caller, bool resolved, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw DomainException.Validation("limit", $"From 1 to {MaxPageSize}.");
        }
        return store.ListAsync(caller.AccountId, resolved, size, cursor, cancellationToken);
    }

    public async Task<LoadedTicket> ViewAsync(CustomerCaller caller, long ticketId, CancellationToken cancellationToken) =>
        await store.LoadAsync(caller.AccountId, ticketId, [], cancellationToken) ?? throw DomainException.NotFound("ticket");

    public async Task<LoadedTicket> ReplyAsync(
        CustomerCaller caller, long ticketId, string? body, IReadOnlyList<string>? attachmentIds, string? ifMatch, CancellationToken cancellationToken,
        MessageAuthor? onBehalf = null)
    {
        // The ids go into the load, so they are checked first; the text only once the ticket proved to be the caller's,
        // so another customer's ticket is 404 whatever the body says.
        var idCheck = new Validator();
        var ids = attachmentRules.ValidateIds(attachmentIds, idCheck);
        idCheck.ThrowIfInvalid();
        return await ChangeAsync(caller.AccountId, ticketId, ids, ifMatch, async (loaded, now) =>
        {
            new Validator().Required("body", body).MaxLength("body", body, Ticket.BodyMaxLength).ThrowIfInvalid();
            var attachments = await attachmentRules.CheckAsync(caller.AccountId, ids, loaded.Uploads, now, cancellationToken);
            loaded.Ticket.ReplyAsCustomer(body!, attachments, now, onBehalf);
        }, cancellationToken);
    }

    public Task<LoadedTicket> ResolveAsync(CustomerCaller caller, long ticketId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(caller.AccountId, ticketId, [], ifMatch, (loaded, now) =>
        {
            loaded.Ticket.ResolveByCustomer(now);
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<LoadedTicket> ReopenAsync(CustomerCaller caller, long ticketId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(caller.AccountId, ticketId, [], ifMatch, (loaded, now) =>
        {
            loaded.Ticket.Reopen(now, options.ReopenWindow);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// The customer answers a proposed solution from the mail, without signing in: the signed link says whose ticket and which
    /// solution; it works once, until it expires, and only while that solution is what the ticket waits on.
    /// </summary>
    public async Task<LoadedTicket> AnswerSolutionAsync(long ticketId, string? token, string? answer, CancellationToken cancellationToken)
    {
        new Validator().Required("token", token).MaxLength("token", token, 1000)
            .Check(answer is "solved" or "not_solved", "answer", "solved or not_solved.").ThrowIfInvalid();
        var link = await solutionLinks.VerifyAsync(token!, cancellationToken);
        if (link is null || link.TicketId != ticketId)
        {
            throw new DomainException(FailureKind.NotFound, "answer_link_invalid", "This link is not valid. Open the ticket from the portal instead.");
        }
        if (link.ExpiresAt <= clock.UtcNow)
        {
            throw new DomainException(FailureKind.Conflict, "answer_link_expired", "This link has expired. Open the ticket from the portal to answer.");
        }
        return await ChangeAsync(link.AccountId, ticketId, [], null, (loaded, now) =>
        {
            loaded.Ticket.AnswerSolution(link.MessageSequence, answer == "solved", now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>A short-lived link to an attachment of a message the customer can see; inline only for raster images.</summary>
    public async Task<Uri> AttachmentUrlAsync(CustomerCaller caller, long ticketId, string attachmentId, bool inline, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(caller.AccountId, ticketId, [], cancellationToken) ?? throw DomainException.NotFound("attachment");
        var attachment = loaded.Ticket.Messages.Where(m => !m.Internal).SelectMany(m => m.Attachments)
            .FirstOrDefault(a => a.Id == attachmentId) ?? throw DomainException.NotFound("attachment");
        var showInline = inline && FileSniffer.IsRasterImage(attachment.ContentType);
        return await blobs.DownloadUrlAsync(caller.AccountId, attachment, showInline, clock.UtcNow + options.DownloadLinkLifetime, cancellationToken);
    }

    private Task<LoadedTicket> ChangeAsync(
        string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, string? ifMatch,
        Func<LoadedTicket, DateTimeOffset, Task> change, CancellationToken cancellationToken) =>
        TicketContention.ChangeAsync(store, clock, accountId, ticketId, uploadIds, ifMatch, change, cancellationToken);

    private async Task<CoverageChoice> CoverageAsync(string accountId, string? certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(certificateId))
        {
            return ToChoice(TicketCoverage.WithoutCertificate);
        }
        try
        {
            return ToChoice(await coverage.ForTicketAsync(accountId, certificateId.Trim(), now, cancellationToken));
        }
        catch (DomainException missing) when (missing.Kind == FailureKind.NotFound)
        {
            throw new DomainException(FailureKind.RuleViolated, "certificate_not_found",
                "This certificate is not registered to your account. Register it under My certificates, or send the ticket without one.",
                new Dictionary<string, string[]> { ["certificateId"] = ["Not one of your certificates."] });
        }
    }

    private static DomainException FollowUpNotFound() => new(FailureKind.RuleViolated, "follow_up_not_found",
        "The ticket this one continues is not one of yours.", new Dictionary<string, string[]> { ["followUpOf"] = ["Not one of your tickets."] });

    private static CoverageChoice ToChoice(TicketCoverage coverage) => new(
        coverage.CertificateId is { } id ? new CertificateRef(id, coverage.Serial ?? "", coverage.ProductName) : null,
        coverage.ProductId,
        coverage.DepartmentId,
        coverage.Priority);
}
