using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace SupportFunctions.Resilience.Load;

/// <summary>How a request of the load ended.</summary>
public enum Outcome
{
    /// <summary>2xx: the change it asked for must be there afterwards.</summary>
    Answered,

    /// <summary>503 problem+json with <c>Retry-After</c>, in time: the caller knows to come back.</summary>
    FailedCleanly,

    /// <summary>Anything else: another status, a body that is not a problem, or no answer within the deadline.</summary>
    Failed,
}

public sealed record Attempt(string Operation, Outcome Outcome, int Status, TimeSpan Took, string Detail);

/// <summary>Every request the load sent, how it ended and how long it took; thread-safe.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();

    public IReadOnlyCollection<Attempt> Attempts => _attempts;
    public int Sent => _attempts.Count;
    public int Count(Outcome outcome) => _attempts.Count(a => a.Outcome == outcome);

    /// <summary>Sends one request within <paramref name="deadline"/> and records how it ended; the answer (null without one) goes back to the caller.</summary>
    public async Task<(Outcome Outcome, JsonElement? Body)> SendAsync(HttpClient client, string operation, Func<HttpRequestMessage> request, TimeSpan deadline)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            using var response = await client.SendAsync(request(), timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var (outcome, detail) = Classify(response, text);
            _attempts.Enqueue(new Attempt(operation, outcome, (int)response.StatusCode, Stopwatch.GetElapsedTime(started), detail));
            return (outcome, outcome == Outcome.Answered && text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _attempts.Enqueue(new Attempt(operation, Outcome.Failed, 0, Stopwatch.GetElapsedTime(started), $"no answer within {deadline.TotalSeconds:0} s"));
            return (Outcome.Failed, null);
        }
        catch (HttpRequestException broken)
        {
            _attempts.Enqueue(new Attempt(operation, Outcome.Failed, 0, Stopwatch.GetElapsedTime(started), broken.Message));
            return (Outcome.Failed, null);
        }
    }

    private static (Outcome, string) Classify(HttpResponseMessage response, string text)
    {
        if (response.IsSuccessStatusCode)
        {
            return (Outcome.Answered, "");
        }
        var clean = response.StatusCode == HttpStatusCode.ServiceUnavailable
            && response.Headers.RetryAfter is not null
            && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return (clean ? Outcome.FailedCleanly : Outcome.Failed, text.Length > 300 ? text[..300] : text);
    }

    /// <summary>The figures quoted in the notes: requests sent, answered, failed cleanly, failed otherwise, and answer times.</summary>
    public string Figures(TimeSpan took)
    {
        var times = _attempts.Select(a => a.Took.TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => times.Length == 0 ? 0 : times[Math.Min(times.Length - 1, (int)Math.Ceiling(p * times.Length) - 1)];
        var byOperation = string.Join(", ", _attempts.GroupBy(a => a.Operation).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}"));
        return $"requests sent {Sent} ({byOperation}) in {took.TotalSeconds:0.0} s; answered 2xx {Count(Outcome.Answered)}, " +
            $"failed cleanly (503 + Retry-After) {Count(Outcome.FailedCleanly)}, failed otherwise {Count(Outcome.Failed)}; " +
            $"answer time p50 {Percentile(0.5):0} ms, p99 {Percentile(0.99):0} ms, longest {(times.Length == 0 ? 0 : times[^1]):0} ms";
    }

    public string Failures(Outcome outcome = Outcome.Failed) => string.Join("\n", _attempts.Where(a => a.Outcome == outcome).Take(20)
        .Select(a => $"{a.Operation}: {a.Status} after {a.Took.TotalMilliseconds:0} ms: {a.Detail}"));
}
