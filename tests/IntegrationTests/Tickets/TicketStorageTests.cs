using System.Net;
using System.Net.Http.Headers;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

[Collection(StackCollection.Name)]
public sealed class TicketStorageTests(SharedStack shared) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private readonly TicketAdapters _adapters = new(shared.Stack);
    private readonly string _account = Guid.NewGuid().ToString("N");
    private static long _nextId = Random.Shared.NextInt64(1_000_000_000, 2_000_000_000);

    public void Dispose() => _adapters.Dispose();

    private static Ticket NewTicket(string account, DateTimeOffset at, string subject = "Crash") => Ticket.Open(
        Interlocked.Increment(ref _nextId), account, "Ivan", new TicketDraft(subject, "It crashes.", "Windows 11", "5.2"),
        new CoverageChoice(null, null, "general", TicketPriority.Minimal), [], at, TicketAdapters.Schedule);

    [Fact]
    public async Task Fifty_concurrent_allocations_from_several_processes_are_all_distinct()
    {
        var processes = Enumerable.Range(0, 5).Select(_ => new HiLoTicketIds(_adapters.IdBlocks, blockSize: 3)).ToList();
        try
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => processes[i % 5].NextAsync(CancellationToken.None)));

            Assert.Equal(50, ids.Distinct().Count());
            Assert.All(ids, id => Assert.True(id > 0));
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_saved_ticket_is_listed_newest_update_first_and_loads_with_its_thread()
    {
        var older = NewTicket(_account, Now, "Older");
        var newer = NewTicket(_account, Now.AddMinutes(1), "Newer");
        await _adapters.Store.SaveAsync(older, null, [], CancellationToken.None);
        await _adapters.Store.SaveAsync(newer, null, [], CancellationToken.None);

        var loaded = (await _adapters.Store.LoadAsync(_account, older.Id, [], CancellationToken.None))!;
        loaded.Ticket.ReplyAsCustomer("Still crashing", [], Now.AddMinutes(2));
        await _adapters.Store.SaveAsync(loaded.Ticket, loaded.ETag, [], CancellationToken.None);

        var page = await _adapters.Store.ListAsync(_account, resolved: false, 50, null, CancellationToken.None);
        Assert.Equal(["Older", "Newer"], page.Items.Select(i => i.Subject));
        var thread = (await _adapters.Store.LoadAsync(_account, older.Id, [], CancellationToken.None))!.Ticket.Messages;
        Assert.Equal(["It crashes.", "Still crashing"], thread.Select(m => m.Body));
        Assert.Null(await _adapters.Store.LoadAsync(Guid.NewGuid().ToString("N"), older.Id, [], CancellationToken.None));
        Assert.Equal(_account, await _adapters.Store.OwnerOfAsync(older.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Resolving_moves_a_ticket_to_the_resolved_list_and_counts_it_and_reopening_moves_it_back()
    {
        var ticket = NewTicket(_account, Now);
        await _adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None);

        var loaded = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!;
        loaded.Ticket.ResolveByCustomer(Now.AddHours(1));
        await _adapters.Store.SaveAsync(loaded.Ticket, loaded.ETag, [], CancellationToken.None);

        var open = await _adapters.Store.ListAsync(_account, false, 50, null, CancellationToken.None);
        var resolved = await _adapters.Store.ListAsync(_account, true, 50, null, CancellationToken.None);
        Assert.Empty(open.Items);
        Assert.Equal(1, open.ResolvedCount);
        Assert.Equal(TicketStatus.Resolved, Assert.Single(resolved.Items).Status);

        loaded = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!;
        loaded.Ticket.Reopen(Now.AddHours(2), TimeSpan.FromDays(30));
        await _adapters.Store.SaveAsync(loaded.Ticket, loaded.ETag, [], CancellationToken.None);

        open = await _adapters.Store.ListAsync(_account, false, 50, null, CancellationToken.None);
        Assert.Equal(0, open.ResolvedCount);
        Assert.Equal(TicketStatus.Open, Assert.Single(open.Items).Status);
    }

    [Fact]
    public async Task Of_two_changes_from_the_same_version_the_second_is_refused_and_nothing_of_it_is_stored()
    {
        var ticket = NewTicket(_account, Now);
        await _adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None);
        var first = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!;
        var second = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!;

        first.Ticket.ReplyAsCustomer("first", [], Now.AddMinutes(1));
        await _adapters.Store.SaveAsync(first.Ticket, first.ETag, [], CancellationToken.None);
        second.Ticket.ResolveByCustomer(Now.AddMinutes(2));
        var refused = await Assert.ThrowsAsync<DomainException>(() => _adapters.Store.SaveAsync(second.Ticket, second.ETag, [], CancellationToken.None));

        Assert.Equal(FailureKind.StaleVersion, refused.Kind);
        var stored = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!.Ticket;
        Assert.Equal(TicketStatus.Open, stored.Status);
        Assert.Equal(["It crashes.", "first"], stored.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_without_repeating_or_skipping()
    {
        var sent = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var ticket = NewTicket(_account, Now.AddMinutes(i), $"T{i}");
            await _adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None);
            sent.Add(ticket.Id);
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await _adapters.Store.ListAsync(_account, false, 2, cursor, CancellationToken.None);
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(sent), seen);
        var bad = await Assert.ThrowsAsync<DomainException>(() => _adapters.Store.ListAsync(_account, false, 2, "bm90LWEtY3Vyc29y", CancellationToken.None));
        Assert.Equal("validation_failed", bad.Code);
    }

    [Fact]
    public async Task A_ticket_costs_three_round_trips_to_store_one_to_list_once_kept_or_load_and_two_to_change()
    {
        var ticket = NewTicket(_account, Now);
        await _adapters.Store.SaveAsync(NewTicket(_account, Now), null, [], CancellationToken.None); // warm up table creation

        var save = await CountAsync(() => _adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None));
        var staleList = await CountAsync(() => _adapters.Store.ListAsync(_account, false, 50, null, CancellationToken.None));
        await _adapters.Store.RefreshListPagesAsync(_account, CancellationToken.None); // what the dispatcher does after each change
        var list = await CountAsync(() => _adapters.Store.ListAsync(_account, false, 50, null, CancellationToken.None));
        LoadedTicket? loaded = null;
        var load = await CountAsync(async () => loaded = await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None));
        loaded!.Ticket.ReplyAsCustomer("more", [], Now.AddMinutes(1));
        var reply = await CountAsync(() => _adapters.Store.SaveAsync(loaded.Ticket, loaded.ETag, [], CancellationToken.None));

        // Store: the id claim, the announcement to the views, the commit. A change: the announcement and the commit.
        // The list: right after a change the kept first page is stale (its point read, then the query); once kept, one point read.
        Assert.Equal((3, 2, 1, 1, 2), (save, staleList, list, load, reply));
    }

    private async Task<long> CountAsync(Func<Task> action)
    {
        var before = _adapters.Shared.RoundTrips.Total;
        await action();
        return _adapters.Shared.RoundTrips.Total - before;
    }
}
