using System.Diagnostics;
using System.Net;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;
using SupportFunctions.Resilience.Load;
using Xunit.Abstractions;

namespace SupportFunctions.Resilience.Faults;

/// <summary>Azurite stopped in the middle of the load and started again: clean refusals meanwhile, nothing lost or half-written after.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class StorageOutageTests(ResilienceStack fixture, ITestOutputHelper output)
{
    private readonly LocalStack _stack = fixture.Stack;

    [Fact]
    public async Task Requests_during_a_storage_outage_fail_cleanly_in_time_and_after_the_repair_everything_answered_2xx_is_there_whole()
    {
        var run = new LoadRun(_stack, LoadShape.Standard, ResilienceStack.AnswerDeadline);
        await run.PrepareAsync();

        var load = run.RunAsync();
        var outage = await BreakStorageAsync(run);
        await load;

        output.WriteLine($"load: {run.Ledger.Figures(run.Took)}");
        output.WriteLine($"outage: {outage.TotalSeconds:0.0} s from stop to the restarted Azurite listening");
        Assert.True(run.Ledger.Count(Outcome.Failed) == 0, $"requests that did not fail cleanly:\n{run.Ledger.Failures()}");
        Assert.True(run.Ledger.Count(Outcome.FailedCleanly) > 0, "the outage refused nothing: it came too late or too short to test anything");
        using var agent = await new People(_stack).StaffAsync("Support.Agent");
        var settling = System.Diagnostics.Stopwatch.StartNew();
        var findings = await _stack.SettledAsync(new LoadCheck(_stack, run, agent), TimeSpan.FromSeconds(180));
        output.WriteLine($"afterwards (settled in {settling.Elapsed.TotalSeconds:0} s): {findings.Figures}; lost {findings.Problems.Count(p => p.EndsWith("lost", StringComparison.Ordinal))}");
        Assert.True(findings.Problems.Count == 0, string.Join("\n", findings.Problems.Take(30)));
        Assert.Equal(run.Expected.CreatedBySubject.Count + findings.UnsureTicketsThere, findings.Tickets);
    }

    /// <summary>Once a quarter of the load is sent, stops Azurite; once the load has met the outage, starts it again.</summary>
    /// <returns>How long storage was away.</returns>
    private async Task<TimeSpan> BreakStorageAsync(LoadRun run)
    {
        await Eventually.TrueAsync(() => Task.FromResult(run.Ledger.Sent >= LoadShape.Standard.Planned / 4), TimeSpan.FromSeconds(120));
        var stopped = Stopwatch.GetTimestamp();
        await _stack.StopAsync("azurite");
        using (var health = await _stack.Client.GetAsync("/api/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        await Eventually.TrueAsync(() => Task.FromResult(run.Ledger.Count(Outcome.FailedCleanly) + run.Ledger.Count(Outcome.Failed) >= 40),
            TimeSpan.FromSeconds(60), () => "the load met no outage");
        await _stack.StartAsync("azurite");
        return Stopwatch.GetElapsedTime(stopped);
    }
}
