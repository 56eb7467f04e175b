using System.Globalization;
using System.Text.Json;

namespace SupportFunctions.Benchmarks;

/// <summary>
/// Prints figures next to their DESIGN.md budget; a figure outside its budget is marked, not asserted. Every printed figure
/// is also kept, so <c>--json FILE</c> can write the same run for comparing with another.
/// </summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly List<object> Recorded = [];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static string _section = "";

    public static void Header(string title)
    {
        _section = title;
        Console.WriteLine($"\n## {title}");
    }

    public static void Load(LoadResult result, double? minRequestsPerSecond = null, double? maxP99Ms = null)
    {
        var within = (minRequestsPerSecond is null || result.RequestsPerSecond >= minRequestsPerSecond)
                     && (maxP99Ms is null || result.P99Ms <= maxP99Ms) && result.Errors == 0;
        var budget = string.Join(", ", new[]
        {
            minRequestsPerSecond is { } rps ? $">= {rps.ToString(Invariant)}/s" : null,
            maxP99Ms is { } p99 ? $"p99 <= {p99.ToString(Invariant)} ms" : null,
        }.Where(b => b is not null));
        Console.WriteLine(string.Create(Invariant,
            $"{result.Scenario,-40} c={result.Concurrency,-2} {result.RequestsPerSecond,8:0.0}/s  p50 {result.P50Ms,6:0.0} ms  p95 {result.P95Ms,6:0.0} ms  p99 {result.P99Ms,6:0.0} ms  n={result.Requests} errors={result.Errors}  budget: {(budget.Length == 0 ? "-" : budget)} {(budget.Length == 0 && result.Errors == 0 ? "" : Verdict(within))}"));
        Recorded.Add(new
        {
            section = _section, kind = "load", name = result.Scenario, concurrency = result.Concurrency,
            requestsPerSecond = Math.Round(result.RequestsPerSecond, 1), p50Ms = Math.Round(result.P50Ms, 1), p95Ms = Math.Round(result.P95Ms, 1),
            p99Ms = Math.Round(result.P99Ms, 1), requests = result.Requests, errors = result.Errors,
            budget = new { minRequestsPerSecond, maxP99Ms }, withinBudget = minRequestsPerSecond is null && maxP99Ms is null ? (bool?)null : within,
        });
    }

    public static void Figure(string name, double value, string unit, double? budget = null, bool lowerIsBetter = true)
    {
        bool? within = budget is { } limit ? (lowerIsBetter ? value <= limit : value >= limit) : null;
        var budgetText = budget is { } b ? $"budget {(lowerIsBetter ? "<=" : ">=")} {b.ToString(Invariant)} {unit} " : "";
        Console.WriteLine(string.Create(Invariant, $"{name,-40} {value,10:0.##} {unit,-11} {budgetText}{(within is { } w ? Verdict(w) : "")}"));
        Recorded.Add(new
        {
            section = _section, kind = "figure", name, value = Math.Round(value, 2), unit,
            budget = budget is null ? null : new { limit = budget, lowerIsBetter }, withinBudget = within,
        });
    }

    public static void WriteJson(string path, object machine)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(new { machine, figures = Recorded }, Indented));
        Console.WriteLine($"\nfigures written to {path}");
    }

    private static string Verdict(bool within) => within ? "[within budget]" : "[OVER BUDGET]";
}
