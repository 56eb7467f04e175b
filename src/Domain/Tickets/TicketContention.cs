using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

/// <summary>Many writers on one ticket at once: each retries after a short random pause, and gives up clearly after a while.</summary>
internal static class TicketContention
{
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
