using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

/// <summary>Many writers on one ticket at once: each retries after a short random pause, and gives up clearly after a while.</summary>
internal static class TicketContention
{
    private const int MaxAttemptsOnConcurrentChange = 12;

    /// <summary>
    /// Load, change, save guarded by the ETag, with the mail the change causes. When someone else saved in between, the change is
    /// applied again to the fresh ticket (nothing is lost); with the client's own <c>If-Match</c> a stale version is a 412 instead.
    /// </summary>
    public static async Task<LoadedTicket> ChangeAsync(
        ITicketStore store, IClock clock, string accountId, long ticketId, IReadOnlyCollection<string> uploadIds, string? ifMatch,
        Func<LoadedTicket, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        var guarded = !string.IsNullOrEmpty(ifMatch);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(accountId, ticketId, uploadIds, cancellationToken) ?? throw DomainException.NotFound("ticket");
            if (guarded && ifMatch != "*" && ifMatch != loaded.ETag)
            {
                throw new DomainException(FailureKind.StaleVersion, "ticket_changed", "The ticket changed since you loaded it. Look at what changed and try again.");
            }
            await change(loaded, clock.UtcNow);
            try
            {
                var etag = await store.SaveAsync(loaded.Ticket, loaded.ETag, TicketMail.For(loaded.Ticket), cancellationToken);
                loaded.Ticket.MarkSaved();
                return loaded with { ETag = etag, Uploads = [] };
            }
            catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion && !guarded)
            {
                // Someone else changed the ticket first: apply this change to their version.
                await BackOffAsync(attempt, MaxAttemptsOnConcurrentChange, cancellationToken);
            }
        }
    }

    public static Task BackOffAsync(int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        if (attempt >= maxAttempts)
        {
            throw new DomainException(FailureKind.Conflict, "ticket_busy", "The ticket is being changed by someone else right now. Try again in a moment.");
        }
#pragma warning disable CA5394 // Jitter, not security.
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 15 * attempt)), cancellationToken);
#pragma warning restore CA5394
    }
}
