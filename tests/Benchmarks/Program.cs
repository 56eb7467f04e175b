using SupportFunctions.Benchmarks;
using SupportFunctions.IntegrationTests.Infrastructure;

// ./support bench [--seconds N] [--only kb]: figures against the budgets in DESIGN.md, printed, never asserted.
if (args is ["--only", "kb"])
{
    KbBenchmark.Run();
    return;
}
var seconds = args.Length == 2 && args[0] == "--seconds" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Min(3, seconds));

Console.WriteLine($"SupportFunctions benchmarks: {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per load scenario after {warmUp.TotalSeconds:0} s warm-up");
await using var stack = await LocalStack.StartAsync(new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
var processes = new Dictionary<string, int> { ["devhost"] = stack.ProcessId, ["azurite"] = stack.AzuriteProcessId };

var scenarios = new BenchmarkScenario[]
{
    new HealthScenario(),
    // The list runs before the creates fill the demo customer's partition with thousands of tickets (Azurite's list time
    // grows with the partition: about 170 req/s once it holds 2,000 tickets, where Table Storage would use its index).
    new ListTicketsScenario(),
    new CreateTicketScenario(),
};

Report.Header("HTTP load on the local stack (DevHost + Azurite)");
await using (var memory = new MemorySampler(processes))
{
    foreach (var scenario in scenarios)
    {
        await scenario.PrepareAsync(stack);
        var result = await LoadRunner.RunAsync(scenario.Name, sequence => scenario.SendAsync(stack, sequence), concurrency: 8, duration, warmUp);
        Report.Load(result, scenario.MinRequestsPerSecond, scenario.MaxP99Ms);
    }
    Report.Header("Memory of the local stack under that load (peak resident set)");
    foreach (var (name, bytes) in memory.PeakBytes)
    {
        Report.Figure($"{name} peak RSS", bytes / 1048576.0, "MiB");
    }
    Report.Figure("devhost + azurite peak RSS", memory.PeakTotalBytes / 1048576.0, "MiB", budget: 190);
}

foreach (var scenario in scenarios)
{
    await scenario.ReportExtraAsync(stack);
}

KbBenchmark.Run();
