using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;
using Xunit.Abstractions;

namespace SupportFunctions.Resilience.Load;

[Collection(ResilienceCollection.Name)]
public sealed class LoadTests(ResilienceStack fixture, ITestOutputHelper output)
{
    private readonly LocalStack _stack = fixture.Stack;

    [Fact]
    public async Task Thirty_two_clients_get_no_5xx_and_leave_every_ticket_message_view_and_mail_there_exactly_once()
    {
        var run = new LoadRun(_stack, LoadShape.Standard, ResilienceStack.AnswerDeadline);
        await run.PrepareAsync();

        await run.RunAsync();

        output.WriteLine($"load: {run.Ledger.Figures(run.Took)}");
        Assert.True(run.Ledger.Count(Outcome.Answered) == run.Ledger.Sent, $"not every request was answered 2xx:\n{run.Ledger.Failures()}\n{run.Ledger.Failures(Outcome.FailedCleanly)}\n{StorageComplaints()}");
        Assert.Equal(LoadShape.Standard.Planned, run.Ledger.Sent);
        using var agent = await new People(_stack).StaffAsync("Support.Agent");
        var settling = System.Diagnostics.Stopwatch.StartNew();
        var findings = await _stack.SettledAsync(new LoadCheck(_stack, run, agent), TimeSpan.FromSeconds(180));
        output.WriteLine($"afterwards (settled in {settling.Elapsed.TotalSeconds:0} s): {findings.Figures}; lost {findings.Problems.Count(p => p.EndsWith("lost", StringComparison.Ordinal))}");
        Assert.True(findings.Problems.Count == 0, string.Join("\n", findings.Problems.Take(30)));
        Assert.Equal(run.Expected.CreatedBySubject.Count, findings.Tickets);
        Assert.Equal(run.Expected.MessagesByBody.Count, findings.Messages);
    }

    private string StorageComplaints() =>
        string.Join("\n", _stack.Output.Split('\n').Where(l => l.Contains("Storage unavailable", StringComparison.Ordinal)).Take(10));
}
