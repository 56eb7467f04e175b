using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// Counts the requests the storage clients put on the wire, split by who made them: the HTTP request being served
/// (what a caller's request costs) or background work such as queue and timer functions. Benchmarks and tests read it.
/// </summary>
public sealed class StorageRoundTrips
{
    private static readonly AsyncLocal<bool> ServingHttpRequest = new();
    private long _forRequests;
    private long _inBackground;

    public StorageRoundTrips() => Policy = new CountingPolicy(this);

    public HttpPipelinePolicy Policy { get; }

    /// <summary>Round trips made while serving HTTP requests.</summary>
    public long ForRequests => Interlocked.Read(ref _forRequests);

    /// <summary>Round trips made by everything else: queue and timer functions, start-up.</summary>
    public long InBackground => Interlocked.Read(ref _inBackground);

    public long Total => ForRequests + InBackground;

    /// <summary>Marks the current async flow as serving an HTTP request; storage calls it makes count as the request's.</summary>
    public static void AttributeToHttpRequest() => ServingHttpRequest.Value = true;

    public void Reset()
    {
        Interlocked.Exchange(ref _forRequests, 0);
        Interlocked.Exchange(ref _inBackground, 0);
    }

    private sealed class CountingPolicy(StorageRoundTrips owner) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (ServingHttpRequest.Value)
            {
                Interlocked.Increment(ref owner._forRequests);
            }
            else
            {
                Interlocked.Increment(ref owner._inBackground);
            }
        }
    }
}
