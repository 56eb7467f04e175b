using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.UnitTests.Tickets;

public sealed class HiLoTicketIdsTests
{
    private sealed class CountingBlocks : ITicketIdBlocks
    {
        private long _next = 1;
        public int Reservations;

        public Task<long> ReserveAsync(int size, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reservations);
            return Task.FromResult(Interlocked.Add(ref _next, size) - size);
        }
    }

    [Fact]
    public async Task Ids_come_from_one_reservation_per_block_and_never_repeat()
    {
        var blocks = new CountingBlocks();
        using var ids = new HiLoTicketIds(blocks, blockSize: 10);

        var handedOut = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => ids.NextAsync(CancellationToken.None)));

        Assert.Equal(25, handedOut.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), handedOut.Order());
        Assert.Equal(3, blocks.Reservations);
    }

    [Fact]
    public async Task Two_processes_sharing_the_blocks_never_hand_out_the_same_id()
    {
        var blocks = new CountingBlocks();
        using var first = new HiLoTicketIds(blocks, blockSize: 5);
        using var second = new HiLoTicketIds(blocks, blockSize: 5);

        var handedOut = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).NextAsync(CancellationToken.None)));

        Assert.Equal(40, handedOut.Distinct().Count());
    }
}
