using System.Globalization;

namespace SupportFunctions.Benchmarks;

/// <summary>Prints figures next to their DESIGN.md budget; a figure outside its budget is marked, not asserted.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Header(string title) => Console.WriteLine($"\n## {title}");

    public static void Load(LoadResult result, double? minRequestsPerSecond = null, double? maxP99Ms = null)
    {
        var verdict = Verdict((minRequestsPerSecond is null || result.RequestsPerSecond >= minRequestsPerSecond)
                              && (maxP99Ms is null || result.P99Ms <= maxP99Ms) && result.Errors == 0);
        var budget = string.Join(", ", new[]
        {
            minRequestsPerSecond is { } rps ? $">= {rps.ToString(Invariant)}/s" : null,
            maxP99Ms is { } p99 ? $"p99 <= {p99.ToString(Invariant)} ms" : null,
        }.Where(b => b is not null));
        Console.WriteLine(string.Create(Invariant,
            $"{result.Scenario,-34} c={result.Concurrency} {result.RequestsPerSecond,8:0.0}/s  p50 {result.P50Ms,6:0.0} ms  p95 {result.P95Ms,6:0.0} ms  p99 {result.P99Ms,6:0.0} ms  n={result.Requests} errors={result.Errors}  budget: {(budget.Length == 0 ? "-" : budget)} {verdict}"));
    }

    public static void Figure(string name, double value, string unit, double? budget = null, bool lowerIsBetter = true)
    {
        var verdict = budget is { } limit ? Verdict(lowerIsBetter ? value <= limit : value >= limit) : "";
        var budgetText = budget is { } b ? $"budget {(lowerIsBetter ? "<=" : ">=")} {b.ToString(Invariant)} {unit} " : "";
        Console.WriteLine(string.Create(Invariant, $"{name,-34} {value,10:0.##} {unit,-6} {budgetText}{verdict}"));
    }

    private static string Verdict(bool within) => within ? "[within budget]" : "[OVER BUDGET]";
}
