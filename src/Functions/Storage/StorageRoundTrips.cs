using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportFunctions.Functions.Storage;

/// <summary>Counts every request the storage clients put on the wire; benchmarks and tests read it.</summary>
public sealed class StorageRoundTrips
{
    private long _count;

    public StorageRoundTrips() => Policy = new CountingPolicy(this);

    public HttpPipelinePolicy Policy { get; }
    public long Count => Interlocked.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private sealed class CountingPolicy(StorageRoundTrips owner) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref owner._count);
    }
}
