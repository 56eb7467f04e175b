namespace SupportFunctions.Domain.Tickets;

/// <summary>Port: reserves the next block of ticket ids for this process, exclusively (no two callers get the same block).</summary>
public interface ITicketIdBlocks
{
    /// <returns>The first id of a block of <paramref name="size"/> ids that no other caller will ever get.</returns>
    Task<long> ReserveAsync(int size, CancellationToken cancellationToken);
}

/// <summary>Hands out ticket ids, one at a time, from blocks it reserves (hi/lo) so no single row is written per ticket.</summary>
public interface ITicketIds
{
    Task<long> NextAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Hi/lo: the "hi" is a block reserved from storage, the "lo" counts inside it in memory. Ids are unique across processes
/// (blocks are exclusive) and increasing within a process; a process that stops loses the rest of its block (gaps, never
/// duplicates).
/// </summary>
public sealed class HiLoTicketIds(ITicketIdBlocks blocks, int blockSize = HiLoTicketIds.DefaultBlockSize) : ITicketIds, IDisposable
{
    public const int DefaultBlockSize = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _next;
    private long _end;

    public async Task<long> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_next >= _end)
            {
                _next = await blocks.ReserveAsync(blockSize, cancellationToken);
                _end = _next + blockSize;
            }
            return _next++;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
