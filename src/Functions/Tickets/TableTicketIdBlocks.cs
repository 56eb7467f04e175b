using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Tickets;

/// <summary>
/// The hi/lo "hi": one row holds the next unreserved ticket id; a reservation moves it on by a block, guarded by the ETag
/// (or by the insert that fails on conflict for the very first block), so two processes never get the same block.
/// </summary>
public sealed class TableTicketIdBlocks(StorageClients storage) : ITicketIdBlocks
{
    public const string TableName = "ticketids";
    private const long FirstId = 1;
    private const int MaxAttempts = 50;

    public async Task<long> ReserveAsync(int size, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>("hilo", "next", cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity("hilo", "next") { ["NextId"] = FirstId + size }, cancellationToken);
                    return FirstId;
                }
                var start = current.Value!.GetInt64("NextId") ?? FirstId;
                await table.UpdateEntityAsync(new TableEntity("hilo", "next") { ["NextId"] = start + size }, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return start;
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412)
            {
                // Another process reserved first; back off a little so a crowd does not retry in lockstep.
                await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken);
            }
        }
        throw new InvalidOperationException("Could not reserve ticket ids: too much contention.");
    }
}
