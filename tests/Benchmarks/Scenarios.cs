namespace SupportFunctions.Benchmarks;

/// <summary>One measured operation. Add a scenario per budget in DESIGN.md as the capability lands.</summary>
public abstract class BenchmarkScenario
{
    public abstract string Name { get; }
    public virtual double? MinRequestsPerSecond => null;
    public virtual double? MaxP99Ms => null;

    /// <summary>Creates whatever the scenario needs (accounts, tickets) before the clock starts.</summary>
    public virtual Task PrepareAsync(IntegrationTests.Infrastructure.LocalStack stack) => Task.CompletedTask;

    /// <returns>Whether the answer was the expected one.</returns>
    public abstract Task<bool> SendAsync(IntegrationTests.Infrastructure.LocalStack stack, int sequence);

    /// <summary>Figures other than throughput (storage round trips, entities touched), printed after the load.</summary>
    public virtual Task ReportExtraAsync(IntegrationTests.Infrastructure.LocalStack stack) => Task.CompletedTask;
}

/// <summary>The cheapest full path (pipeline + one storage call): the harness's own baseline.</summary>
public sealed class HealthScenario : BenchmarkScenario
{
    public override string Name => "GET /api/health";

    public override async Task<bool> SendAsync(IntegrationTests.Infrastructure.LocalStack stack, int sequence)
    {
        using var response = await stack.Client.GetAsync("/api/health");
        return response.IsSuccessStatusCode;
    }
}
