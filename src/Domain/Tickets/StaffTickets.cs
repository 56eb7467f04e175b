using System.Globalization;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Tickets;

/// <summary>What an agent asked the queue for, as typed: validated into a <see cref="QueueQuery"/>.</summary>
public sealed record QueueRequest(
    string? Department,
    IReadOnlyList<string> Statuses,
    string? Priority,
    string? Assignee,
    string? Text,
    int? Limit,
    string? Cursor);

public sealed record StaffPost(string? Body, StaffMessageKind Kind, IReadOnlyList<string>? AttachmentIds, string? IfMatch);

/// <summary>The fields of a PATCH, as sent: strings so that each is validated with its own message.</summary>
public sealed record StaffFieldsRequest(string? Status, string? Priority, string? DepartmentId, string? AssigneeId, bool AssigneeGiven, string? Type);

/// <summary>Who the customer is, beside the thread.</summary>
public sealed record CustomerPanel(
    string Id,
    string Name,
    string? Email,
    string? Company,
    string? Phone,
    IReadOnlyList<RegisteredCertificate> Certificates,
    IReadOnlyList<TicketSummary> OpenTickets);

public sealed record StaffTicketView(LoadedTicket Loaded, CustomerPanel Customer);

/// <summary>The staff desk: the queue, a ticket at work, posting the four kinds of message and changing fields.</summary>
public sealed class StaffTickets(
    ITicketStore store,
    IStaffQueue queue,
    IStaffDirectory staffDirectory,
    IAccountDirectory accounts,
    ICustomerCertificates certificates,
    ICatalogue catalogue,
    IAttachmentBlobs blobs,
    AttachmentRules attachmentRules,
    SupportSchedule schedule,
    IClock clock,
    TicketOptions options)
{
    /// <summary>How many of the customer's other open tickets the side panel lists, newest first.</summary>
    public const int OtherOpenTicketsShown = 10;

    public async Task<QueuePage> QueueAsync(StaffCaller staff, QueueRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var statuses = new HashSet<TicketStatus>();
        foreach (var status in request.Statuses)
        {
            if (ParseStatus(status) is { } parsed)
            {
                statuses.Add(parsed);
            }
            else
            {
                validator.Add("status", $"Unknown status '{status}'.");
            }
        }
        TicketPriority? priority = null;
        if (!string.IsNullOrEmpty(request.Priority))
        {
            priority = ParsePriority(request.Priority);
            if (priority is null)
            {
                validator.Add("priority", $"Unknown priority '{request.Priority}'.");
            }
        }
        var limit = request.Limit ?? CustomerTickets.DefaultPageSize;
        if (limit is < 1 or > CustomerTickets.MaxPageSize)
        {
            validator.Add("limit", $"From 1 to {CustomerTickets.MaxPageSize}.");
        }
        validator.MaxLength("q", request.Text, Ticket.SubjectMaxLength).MaxLength("assignee", request.Assignee, 100);
        var departments = await DepartmentsAsync(request.Department, validator, cancellationToken);
        validator.ThrowIfInvalid();
        if (statuses.Count == 0)
        {
            statuses = [TicketStatus.Open, TicketStatus.InProgress, TicketStatus.AwaitingCustomer];
        }
        var assignee = request.Assignee switch
        {
            null or "" => null,
            "me" => staff.StaffId,
            "none" => "",
            var id => id,
        };
        await staffDirectory.SeenAsync(staff.StaffId, staff.Name, staff.Email, cancellationToken);
        return await queue.ListAsync(new QueueQuery(departments, statuses, priority, assignee,
            string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim(), limit, request.Cursor), cancellationToken);
    }

    public async Task<StaffTicketView> ViewAsync(StaffCaller staff, long ticketId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(ticketId, cancellationToken);
        // Four independent reads at once: the ticket with its thread, the customer's newest open tickets, contact and certificates.
        var loading = store.LoadAsync(owner, ticketId, [], cancellationToken);
        var open = store.ListAsync(owner, resolved: false, OtherOpenTicketsShown + 1, cursor: null, cancellationToken);
        var contact = accounts.FindAsync(owner, cancellationToken);
        var registered = certificates.ListAsync(owner, cancellationToken);
        await Task.WhenAll(loading, open, contact, registered);
        var found = await loading ?? throw DomainException.NotFound("ticket");
        var account = await contact;
        var others = (await open).Items.Where(t => t.Id != ticketId).Take(OtherOpenTicketsShown).ToList();
        var customer = new CustomerPanel(owner, account?.DisplayName ?? found.Ticket.CustomerName, account?.Email, account?.Company, account?.Phone,
            await registered, others);
        await staffDirectory.SeenAsync(staff.StaffId, staff.Name, staff.Email, cancellationToken);
        return new StaffTicketView(found, customer);
    }

    /// <summary>
    /// Posts a reply, note, information request or solution. With <c>If-Match</c> the agent is told (412) when the ticket
    /// changed since they opened it, before anything is sent; without it the post goes on top of whatever is there.
    /// </summary>
    public async Task<LoadedTicket> PostAsync(StaffCaller staff, long ticketId, StaffPost post, CancellationToken cancellationToken)
    {
        var validator = new Validator().Required("body", post.Body).MaxLength("body", post.Body, Ticket.BodyMaxLength);
        var uploadIds = attachmentRules.ValidateIds(post.AttachmentIds, validator);
        validator.ThrowIfInvalid();
        var owner = await OwnerAsync(ticketId, cancellationToken);
        var author = new MessageAuthor(AuthorKind.Staff, staff.StaffId, staff.Name);
        return await ChangeAsync(owner, ticketId, uploadIds, post.IfMatch, async (loaded, now) =>
        {
            var attachments = await attachmentRules.CheckAsync(owner, uploadIds, loaded.Uploads, now, cancellationToken);
            loaded.Ticket.PostAsStaff(author, post.Kind, post.Body!, attachments, now, schedule);
        }, cancellationToken);
    }

    /// <summary>Changes status, priority, department, assignee or type; <c>If-Match</c> is required, so two agents never overwrite each other unknowingly.</summary>
    public async Task<LoadedTicket> ChangeFieldsAsync(StaffCaller staff, long ticketId, StaffFieldsRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            throw new DomainException(FailureKind.PreconditionRequired, "if_match_required",
                "Send the ticket's ETag in If-Match, so that a change made meanwhile by someone else is not overwritten.");
        }
        var change = await ValidateAsync(request, cancellationToken);
        var owner = await OwnerAsync(ticketId, cancellationToken);
        var actor = new MessageAuthor(AuthorKind.Staff, staff.StaffId, staff.Name);
        try
        {
            return await ChangeAsync(owner, ticketId, [], ifMatch, (loaded, now) =>
            {
                loaded.Ticket.ChangeByStaff(actor, change, now, schedule);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion)
        {
            throw new DomainException(FailureKind.StaleVersion, "stale_version", "The ticket changed since you loaded it. Reload it and apply your change again.");
        }
    }

    public async Task<UploadGrant> RequestUploadAsync(StaffCaller staff, long ticketId, string? fileName, string? contentType, long size, CancellationToken cancellationToken)
    {
        attachmentRules.ValidateUpload(fileName, contentType, size);
        var owner = await OwnerAsync(ticketId, cancellationToken);
        var now = clock.UtcNow;
        var uploadId = Guid.NewGuid().ToString("N");
        var name = Path.GetFileName(fileName!.Replace('\\', '/').Trim());
        await store.AddUploadAsync(owner, new PendingUpload(uploadId, name, size, now + options.UploadKeptFor), cancellationToken);
        var linkExpiresAt = now + options.UploadLinkLifetime;
        return new UploadGrant(uploadId, await blobs.UploadUrlAsync(owner, uploadId, linkExpiresAt, cancellationToken), linkExpiresAt);
    }

    /// <summary>Any attachment of the ticket, internal notes' included.</summary>
    public async Task<Uri> AttachmentUrlAsync(StaffCaller staff, long ticketId, string attachmentId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(ticketId, cancellationToken);
        var loaded = await store.LoadAsync(owner, ticketId, [], cancellationToken) ?? throw DomainException.NotFound("attachment");
        var attachment = loaded.Ticket.Messages.SelectMany(m => m.Attachments).FirstOrDefault(a => a.Id == attachmentId)
            ?? throw DomainException.NotFound("attachment");
        return await blobs.DownloadUrlAsync(owner, attachment, inline: false, clock.UtcNow + options.DownloadLinkLifetime, cancellationToken);
    }

    private async Task<StaffChange> ValidateAsync(StaffFieldsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var status = request.Status is null ? null : ParseStatus(request.Status);
        if (request.Status is not null && status is null)
        {
            validator.Add("status", "One of open, in_progress, awaiting_customer, resolved, closed.");
        }
        var priority = request.Priority is null ? null : ParsePriority(request.Priority);
        if (request.Priority is not null && priority is null)
        {
            validator.Add("priority", "One of critical, high, normal, low, minimal.");
        }
        if (request.Type is not null && !Ticket.Types.Contains(request.Type))
        {
            validator.Add("type", $"One of {string.Join(", ", Ticket.Types)}.");
        }
        if (request.DepartmentId is not null && await catalogue.FindDepartmentAsync(request.DepartmentId, cancellationToken) is null)
        {
            validator.Add("departmentId", "No such department.");
        }
        StaffRef? assignee = null;
        if (request.AssigneeGiven && !string.IsNullOrEmpty(request.AssigneeId))
        {
            var member = request.AssigneeId.Length <= 100 ? await staffDirectory.FindAsync(request.AssigneeId, cancellationToken) : null;
            if (member is null)
            {
                validator.Add("assigneeId", "Not a member of staff who has signed in to the desk.");
            }
            else
            {
                assignee = new StaffRef(member.Id, member.Name);
            }
        }
        validator.ThrowIfInvalid();
        return new StaffChange(status, priority, request.DepartmentId, request.AssigneeGiven, assignee, request.Type);
    }

    private async Task<IReadOnlyList<string>> DepartmentsAsync(string? department, Validator validator, CancellationToken cancellationToken)
    {
        // The general queue takes tickets without a certificate even before an admin has set up any department.
        var all = (await catalogue.DepartmentsAsync(cancellationToken)).Select(d => d.Id)
            .Append(TicketCoverage.GeneralDepartmentId).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrEmpty(department))
        {
            return all;
        }
        if (!all.Contains(department))
        {
            validator.Add("department", "No such department.");
        }
        return [department];
    }

    private async Task<string> OwnerAsync(long ticketId, CancellationToken cancellationToken) =>
        await store.OwnerOfAsync(ticketId, cancellationToken) ?? throw DomainException.NotFound("ticket");

    private Task<LoadedTicket> ChangeAsync(
        string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, string? ifMatch,
        Func<LoadedTicket, DateTimeOffset, Task> change, CancellationToken cancellationToken) =>
        TicketContention.ChangeAsync(store, clock, accountId, ticketId, uploadIds, ifMatch, change, cancellationToken);

    public static TicketStatus? ParseStatus(string? value) => value switch
    {
        "open" => TicketStatus.Open,
        "in_progress" => TicketStatus.InProgress,
        "awaiting_customer" => TicketStatus.AwaitingCustomer,
        "resolved" => TicketStatus.Resolved,
        "closed" => TicketStatus.Closed,
        _ => null,
    };

    public static TicketPriority? ParsePriority(string? value) => value switch
    {
        "critical" => TicketPriority.Critical,
        "high" => TicketPriority.High,
        "normal" => TicketPriority.Normal,
        "low" => TicketPriority.Low,
        "minimal" => TicketPriority.Minimal,
        _ => null,
    };

    public static string Key(long id) => id.ToString("D10", CultureInfo.InvariantCulture);
}
