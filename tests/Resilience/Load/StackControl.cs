using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Load;

/// <summary>The DevHost's local admin API as the resilience tests use it: repair passes on demand, dependencies stopped and started.</summary>
public static class StackControl
{
    public static async Task RunFunctionAsync(this LocalStack stack, string name)
    {
        using var response = await stack.Client.PostAsync($"/admin/functions/{name}", JsonContent.Create(new { }));
        Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Stops Azurite (<c>azurite</c>) or smtp4dev (<c>smtp4dev</c>) as a service manager would.</summary>
    public static async Task StopAsync(this LocalStack stack, string dependency)
    {
        using var response = await stack.Client.PostAsync($"/admin/dependencies/{dependency}/stop", null);
        Assert.True(response.IsSuccessStatusCode, $"stop {dependency}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Starts it again on the same ports (Azurite with the same data); answers once it listens.</summary>
    public static async Task StartAsync(this LocalStack stack, string dependency)
    {
        // smtp4dev takes its time to start on a busy machine; the DevHost waits up to 90 s for its ports.
        using var patient = new HttpClient { BaseAddress = stack.BaseUri, Timeout = TimeSpan.FromSeconds(120) };
        using var response = await patient.PostAsync($"/admin/dependencies/{dependency}/start", null);
        Assert.True(response.IsSuccessStatusCode, $"start {dependency}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The messages in each poison queue, as <c>/api/health</c> reports them to operators.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> PoisonCountsAsync(this LocalStack stack)
    {
        var health = await stack.Client.GetFromJsonAsync<JsonElement>("/api/health");
        return health.GetProperty("details").GetProperty("poisonQueues").EnumerateArray()
            .ToDictionary(q => q.GetProperty("queue").GetString()!, q => q.GetProperty("messages").GetInt32());
    }

    /// <summary>
    /// Runs the repair passes and reads everything again until nothing is missing, doubled or out of step, or
    /// <paramref name="patience"/> is up; the last findings either way.
    /// </summary>
    public static async Task<Findings> SettledAsync(this LocalStack stack, LoadCheck check, TimeSpan patience)
    {
        Findings findings = null!;
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                await stack.RunFunctionAsync("RepairTicketViews");
                await stack.RunFunctionAsync("RepairMailOutbox");
                findings = await check.CheckAsync();
                return findings.Problems.Count == 0;
            }, patience);
        }
        catch (TimeoutException)
        {
            // The findings say what stayed wrong.
        }
        return findings;
    }
}
