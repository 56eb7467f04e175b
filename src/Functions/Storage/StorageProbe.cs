using Azure;
using SupportFunctions.Domain.Operations;

namespace SupportFunctions.Functions.Storage;

/// <summary>One cheap table-service call with no retries: answers quickly whether storage is up.</summary>
public sealed class StorageProbe(StorageClients probeClients) : IStorageProbe
{
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in probeClients.Tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken))
            {
                break;
            }
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
