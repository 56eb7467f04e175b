using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Desk;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Desk;

/// <summary>The staff queue's table adapter against Azurite: versions decide, departments move, counts follow.</summary>
[Collection(StackCollection.Name)]
public sealed class StaffQueueViewTests(SharedStack shared)
{
    private readonly StaffQueueTable _queue = new(new Adapters(shared.Stack).Storage);
    private static long _nextId = Random.Shared.NextInt64(3_000_000_000, 4_000_000_000);

    private static QueueEntry Entry(long id, string department, int version, TicketStatus status = TicketStatus.Open, TicketPriority priority = TicketPriority.Normal) => new(
        id, "acc", $"Subject {id}", "Ivan", department, "question", status, priority, null, null,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, new MessageAuthor(AuthorKind.Customer, "acc", "Ivan"), null, null, null, version);

    private async Task<QueuePage> PageAsync(string department, params TicketStatus[] statuses) =>
        await _queue.ListAsync(new QueueQuery([department], (statuses.Length == 0 ? [TicketStatus.Open, TicketStatus.InProgress, TicketStatus.AwaitingCustomer] : statuses).ToHashSet(),
            null, null, null, 200, null), CancellationToken.None);

    private static string NewDepartment() => $"d{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task A_replayed_older_update_does_not_overwrite_a_newer_state()
    {
        var department = NewDepartment();
        var id = Interlocked.Increment(ref _nextId);
        await _queue.ApplyAsync(Entry(id, department, 3, TicketStatus.AwaitingCustomer, TicketPriority.High), [department], "", CancellationToken.None);

        var replay = await _queue.ApplyAsync(Entry(id, department, 2, TicketStatus.Open), [department], "", CancellationToken.None);

        Assert.False(replay.Changed);
        var row = Assert.Single((await PageAsync(department)).Items);
        Assert.Equal((TicketStatus.AwaitingCustomer, TicketPriority.High, 3), (row.Status, row.Priority, row.Version));
    }

    [Fact]
    public async Task A_ticket_moved_to_another_department_leaves_the_first_and_a_late_update_cannot_bring_it_back()
    {
        var (from, to) = (NewDepartment(), NewDepartment());
        var id = Interlocked.Increment(ref _nextId);
        await _queue.ApplyAsync(Entry(id, from, 1), [from], "", CancellationToken.None);
        await _queue.ApplyAsync(Entry(id, to, 3), [from, to], "", CancellationToken.None);
        await _queue.ApplyAsync(Entry(id, from, 2), [from], "", CancellationToken.None);

        Assert.Empty((await PageAsync(from)).Items);
        Assert.Equal(0, (await PageAsync(from)).Counts[TicketStatus.Open]);
        Assert.Equal(id, Assert.Single((await PageAsync(to)).Items).Id);
    }

    [Fact]
    public async Task Counts_follow_status_changes_and_ended_tickets_leave_the_default_queue()
    {
        var department = NewDepartment();
        var (a, b) = (Interlocked.Increment(ref _nextId), Interlocked.Increment(ref _nextId));
        await Task.WhenAll(
            _queue.ApplyAsync(Entry(a, department, 1), [department], "", CancellationToken.None),
            _queue.ApplyAsync(Entry(b, department, 1), [department], "", CancellationToken.None));
        await _queue.ApplyAsync(Entry(b, department, 2, TicketStatus.Closed), [department], "", CancellationToken.None);

        var page = await PageAsync(department);
        Assert.Equal([a], page.Items.Select(i => i.Id));
        Assert.Equal((1, 1), (page.Counts[TicketStatus.Open], page.Counts[TicketStatus.Closed]));
        Assert.Equal([b], (await PageAsync(department, TicketStatus.Closed)).Items.Select(i => i.Id));
    }
}
