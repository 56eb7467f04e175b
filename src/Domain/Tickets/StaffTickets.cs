using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Tickets;

/// <summary>The part of the staff desk the customer's side needs now: posting to a ticket's thread.</summary>
public sealed class StaffTickets(ITicketStore store, TicketMail mail, IClock clock)
{
    private const int MaxAttemptsOnConcurrentChange = 12;

    public async Task<LoadedTicket> PostAsync(StaffCaller staff, long ticketId, StaffMessageKind kind, string? body, CancellationToken cancellationToken)
    {
        new Validator().Required("body", body).MaxLength("body", body, Ticket.BodyMaxLength).ThrowIfInvalid();
        var owner = await store.OwnerOfAsync(ticketId, cancellationToken) ?? throw DomainException.NotFound("ticket");
        var author = new MessageAuthor(AuthorKind.Staff, staff.StaffId, staff.Name);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(owner, ticketId, [], cancellationToken) ?? throw DomainException.NotFound("ticket");
            loaded.Ticket.PostAsStaff(author, kind, body!, [], clock.UtcNow);
            var outgoing = TicketMail.For(loaded.Ticket);
            try
            {
                var etag = await store.SaveAsync(loaded.Ticket, loaded.ETag, outgoing, cancellationToken);
                loaded.Ticket.MarkSaved();
                await mail.SendAsync(owner, ticketId, outgoing, cancellationToken);
                return loaded with { ETag = etag };
            }
            catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion)
            {
                // Someone else changed the ticket first: post on top of their version.
                await TicketContention.BackOffAsync(attempt, MaxAttemptsOnConcurrentChange, cancellationToken);
            }
        }
    }
}
