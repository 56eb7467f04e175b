using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

/// <param name="Failures">Up to ten "ticket {id}: {what went wrong}"; their index entries stay, so the next run tries again.</param>
public sealed record SweepResult(int Due, int Closed, int Reminded, int Skipped, int Failed, IReadOnlyList<string> Failures);

/// <summary>
/// The auto-close sweep: for each entry of the due-date index, the ticket's header is read and the rule decides; a ticket the
/// customer answered meanwhile is left alone. Each ticket is saved on its own (its own partition), guarded by its ETag, so a
/// reply that commits first wins and two sweeps at once close a ticket once. One customer's tickets are worked one after
/// another (closing one changes the customer's counts row, which the next close also changes); customers side by side.
/// A ticket that fails keeps its index entry for the next run and does not stop the others.
/// </summary>
public sealed class AutoCloseTickets(IAutoCloseIndex index, ITicketStore store, IClock clock)
{
    private const int MaxAttemptsOnConcurrentChange = 5;
    private const int FailuresReported = 10;

    /// <summary>Customers worked on at once.</summary>
    public const int CustomersAtOnce = 8;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var due = new List<DueTicket>();
        await foreach (var entry in index.DueAsync(now, cancellationToken))
        {
            due.Add(entry);
        }
        var tally = new Tally();
        await Parallel.ForEachAsync(due.GroupBy(entry => entry.AccountId, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = CustomersAtOnce, CancellationToken = cancellationToken },
            async (customer, token) =>
            {
                foreach (var entry in customer)
                {
                    await SweepOneAsync(entry, now, tally, token);
                }
            });
        return tally.ResultOf(due.Count);
    }

    private async Task SweepOneAsync(DueTicket entry, DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            tally.Count(await ApplyAsync(entry, now, cancellationToken));
            await index.DoneAsync(entry, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            tally.Fail($"ticket {entry.TicketId}: {failure.GetType().Name}: {failure.Message}");
        }
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

    private sealed class Tally
    {
        private readonly List<string> _failures = [];
        private int _closed, _reminded, _skipped, _failed;

        public void Count(AutoCloseStep? step)
        {
            switch (step)
            {
                case AutoCloseStep.Close: Interlocked.Increment(ref _closed); break;
                case AutoCloseStep.Remind: Interlocked.Increment(ref _reminded); break;
                default: Interlocked.Increment(ref _skipped); break;
            }
        }

        public void Fail(string what)
        {
            Interlocked.Increment(ref _failed);
            lock (_failures)
            {
                if (_failures.Count < FailuresReported)
                {
                    _failures.Add(what);
                }
            }
        }

        public SweepResult ResultOf(int due) => new(due, _closed, _reminded, _skipped, _failed, _failures.ToList());
    }
}
