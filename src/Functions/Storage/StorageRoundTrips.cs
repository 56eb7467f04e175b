using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// Counts the requests the storage clients put on the wire and the table entities they read, per function invocation
/// that made them (the host marks each invocation with <see cref="AttributeTo"/>): what an HTTP request costs, what a
/// timer's sweep costs, apart from whatever else runs meanwhile. Benchmarks and tests read it.
/// </summary>
public sealed class StorageRoundTrips
{
    private const string Unattributed = "";
    private static readonly AsyncLocal<Invocation?> Current = new();
    private static readonly byte[] EntityMarker = "\"odata.etag\""u8.ToArray();
    private readonly ConcurrentDictionary<string, Tally> _byFunction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _httpFunctions = new(StringComparer.Ordinal);

    public StorageRoundTrips()
    {
        Policy = new CountingPolicy(this, countEntities: false);
        TablePolicy = new CountingPolicy(this, countEntities: true);
    }

    /// <summary>For blob and queue clients: counts requests.</summary>
    public HttpPipelinePolicy Policy { get; }

    /// <summary>For table clients: counts requests and the entities each answer carries.</summary>
    public HttpPipelinePolicy TablePolicy { get; }

    /// <summary>Round trips made while serving HTTP requests.</summary>
    public long ForRequests => _byFunction.Where(f => _httpFunctions.ContainsKey(f.Key)).Sum(f => f.Value.RoundTrips);

    /// <summary>Round trips made by everything else: queue and timer functions, start-up.</summary>
    public long InBackground => Total - ForRequests;

    public long Total => _byFunction.Values.Sum(t => t.RoundTrips);

    /// <summary>Round trips and entities read per function name (<c>""</c> for work outside any invocation).</summary>
    public IReadOnlyDictionary<string, (long RoundTrips, long EntitiesRead)> ByFunction =>
        _byFunction.ToDictionary(f => f.Key, f => (f.Value.RoundTrips, f.Value.EntitiesRead), StringComparer.Ordinal);

    /// <summary>Attributes the storage calls of the current async flow (and what it awaits) to one function invocation.</summary>
    public void AttributeTo(string functionName, bool isHttpRequest)
    {
        if (isHttpRequest)
        {
            _httpFunctions.TryAdd(functionName, true);
        }
        Current.Value = new Invocation(functionName);
    }

    public void Reset() => _byFunction.Clear();

    private Tally TallyOfCurrent() => _byFunction.GetOrAdd(Current.Value?.FunctionName ?? Unattributed, _ => new Tally());

    private sealed record Invocation(string FunctionName);

    private sealed class Tally
    {
        public long RoundTrips;
        public long EntitiesRead;
    }

    private sealed class CountingPolicy(StorageRoundTrips owner, bool countEntities) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var tally = owner.TallyOfCurrent();
            Interlocked.Increment(ref tally.RoundTrips);
            ProcessNext(message, pipeline);
            CountEntities(message, tally);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var tally = owner.TallyOfCurrent();
            Interlocked.Increment(ref tally.RoundTrips);
            await ProcessNextAsync(message, pipeline);
            CountEntities(message, tally);
        }

        private void CountEntities(HttpMessage message, Tally tally)
        {
            if (!countEntities || message.Request.Method != RequestMethod.Get || !message.HasResponse || message.Response.ContentStream is not MemoryStream)
            {
                return;
            }
            var body = message.Response.Content.ToMemory().Span;
            long entities = 0;
            for (var at = body.IndexOf(EntityMarker); at >= 0; at = NextIndex(body, at))
            {
                entities++;
            }
            Interlocked.Add(ref tally.EntitiesRead, entities);
        }

        private static int NextIndex(ReadOnlySpan<byte> body, int previous)
        {
            var start = previous + EntityMarker.Length;
            var next = body[start..].IndexOf(EntityMarker);
            return next < 0 ? -1 : start + next;
        }
    }
}
