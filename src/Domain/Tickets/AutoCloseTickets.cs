using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

public sealed record SweepResult(int Due, int Closed, int Reminded, int Skipped);

/// <summary>
/// The auto-close sweep: for each entry of the due-date index, the ticket's header is read and the rule decides; a ticket the
/// customer answered meanwhile is left alone. Each ticket is saved on its own (its own partition), guarded by its ETag, so a
/// reply that commits first wins and two sweeps at once close a ticket once.
/// </summary>
public sealed class AutoCloseTickets(IAutoCloseIndex index, ITicketStore store, IClock clock)
{
    private const int MaxAttemptsOnConcurrentChange = 5;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        int due = 0, closed = 0, reminded = 0, skipped = 0;
        await foreach (var entry in index.DueAsync(now, cancellationToken))
        {
            due++;
            switch (await ApplyAsync(entry, now, cancellationToken))
            {
                case AutoCloseStep.Close: closed++; break;
                case AutoCloseStep.Remind: reminded++; break;
                default: skipped++; break;
            }
            await index.DoneAsync(entry, cancellationToken);
        }
        return new SweepResult(due, closed, reminded, skipped);
    }

    private async Task<AutoCloseStep?> ApplyAsync(DueTicket entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadHeaderAsync(entry.AccountId, entry.TicketId, cancellationToken);
            if (loaded is null)
            {
                return null;
            }
            var changed = entry.Step == AutoCloseStep.Close ? loaded.Ticket.CloseForNoResponse(now) : loaded.Ticket.RemindOfAutoClose(now);
            if (!changed)
            {
                return null;
            }
            try
            {
                await store.SaveAsync(loaded.Ticket, loaded.ETag, TicketMail.For(loaded.Ticket), cancellationToken);
                return entry.Step;
            }
            catch (DomainException stale) when (stale.Kind == FailureKind.StaleVersion && attempt < MaxAttemptsOnConcurrentChange)
            {
                // The customer (or another sweep) changed the ticket first: decide again on what is there now.
            }
        }
    }
}
