using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Foundation;

[Collection(StackCollection.Name)]
public sealed class DevHostTests(SharedStack shared)
{
    private LocalStack Stack => shared.Stack;

    [Fact]
    public async Task Serves_exactly_the_http_functions_listed_in_functions_metadata()
    {
        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Paths.FunctionsMetadata))!.AsArray();
        var expected = metadata
            .Where(f => f!["bindings"]!.AsArray().Any(b => (string)b!["type"]! == "httpTrigger"))
            .Select(f => (string)f!["name"]!)
            .Order()
            .ToList();
        var served = (await Stack.GetJsonAsync<JsonElement>("/admin/functions")).EnumerateArray()
            .Where(f => f.GetProperty("trigger").GetString() == "http")
            .Select(f => f.GetProperty("Name").GetString()!)
            .Order()
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, served);

        foreach (var function in metadata.Where(f => f!["bindings"]!.AsArray().Any(b => (string)b!["type"]! == "httpTrigger")))
        {
            var trigger = function!["bindings"]!.AsArray().First(b => (string)b!["type"]! == "httpTrigger")!;
            var path = "/api/" + SampleRoute((string)trigger["route"]!);
            var method = new HttpMethod(((string)trigger["methods"]![0]!).ToUpperInvariant());
            using var response = await Stack.Client.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(response.Headers.Contains("X-Correlation-Id"), $"{method} {path} was not answered by function {function["name"]}");
        }
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_web_build_and_the_API_JSON_go_out_compressed_when_the_browser_accepts_it(string encoding)
    {
        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Stack.Client.BaseAddress };
        var page = await raw.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(page, "/assets/[^\"]+\\.js").Value;
        var paths = new[] { "/", "/tickets", "/api/products" }.Concat(script.Length > 0 ? [script] : Array.Empty<string>());

        foreach (var path in paths)
        {
            var plain = await raw.GetByteArrayAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd($"{encoding}, identity;q=0.5");
            using var response = await raw.SendAsync(request);
            var sent = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Equal(plain, Decompress(sent, encoding));
            Assert.True(sent.Length < plain.Length || plain.Length < 200, $"{path}: {sent.Length} bytes compressed, {plain.Length} plain");
        }
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task A_route_no_function_declares_is_a_problem_404_not_a_function()
    {
        using var response = await Stack.Client.GetAsync("/api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Correlation-Id"));
    }

    [Fact]
    public async Task A_method_the_function_does_not_declare_is_refused()
    {
        using var response = await Stack.Client.DeleteAsync("/api/health");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_queue_message_whose_function_throws_lands_in_the_poison_queue_after_five_tries_intact()
    {
        var queues = new QueueServiceClient(Stack.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient("notifications");
        var poison = queues.GetQueueClient("notifications-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        var before = await FailuresOf("DeliverNotification");
        var malformed = $"{{\"id\": \"{Guid.NewGuid():N}\", \"template\": ";

        await queue.SendMessageAsync(malformed);

        var poisoned = await Eventually.ValueAsync(async () =>
        {
            var peeked = await poison.PeekMessagesAsync(32);
            return peeked.Value.FirstOrDefault(m => m.MessageText == malformed);
        }, TimeSpan.FromSeconds(60), () => Stack.Output);
        Assert.Equal(malformed, poisoned.MessageText);
        // At least its five tries: other tests' mail on the shared stack may fail a try meanwhile (a notification queued twice
        // is refused while its twin is being sent), so the count of failures is a floor, not an exact figure.
        Assert.InRange(await FailuresOf("DeliverNotification") - before, 5, long.MaxValue);
        var left = await queue.PeekMessagesAsync(32);
        Assert.DoesNotContain(left.Value, m => m.MessageText == malformed);
    }

    [Fact]
    public async Task A_timer_function_runs_on_demand_and_purges_only_what_is_due()
    {
        var tables = new TableServiceClient(Stack.StorageConnectionString);
        var records = tables.GetTableClient("purgetest");
        await records.CreateIfNotExistsAsync();
        var index = tables.GetTableClient("expirations");
        await index.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        await AddExpiringAsync(records, index, "expired", now.AddMinutes(-5));
        await AddExpiringAsync(records, index, "current", now.AddHours(1));

        using var response = await Stack.Client.PostAsync("/admin/functions/PurgeExpiredRecords", JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False((await records.GetEntityIfExistsAsync<TableEntity>("p", "expired")).HasValue);
        Assert.True((await records.GetEntityIfExistsAsync<TableEntity>("p", "current")).HasValue);
    }

    [Fact]
    public async Task Health_answers_200_with_storage_reachable()
    {
        var health = await Stack.GetJsonAsync<JsonElement>("/api/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("reachable", health.GetProperty("storage").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task The_web_front_end_is_served_at_the_root_and_for_its_own_routes()
    {
        foreach (var path in new[] { "/", "/tickets" })
        {
            using var response = await Stack.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<long> FailuresOf(string function) =>
        (await Stack.GetJsonAsync<JsonElement>($"/admin/functions/{function}/stats")).GetProperty("failed").GetInt64();

    private static async Task AddExpiringAsync(TableClient records, TableClient index, string rowKey, DateTimeOffset expiresAt)
    {
        await records.UpsertEntityAsync(new TableEntity("p", rowKey) { ["ExpiresAt"] = expiresAt });
        await index.UpsertEntityAsync(new TableEntity("due", $"{expiresAt.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["TargetTable"] = records.Name,
            ["TargetPartitionKey"] = "p",
            ["TargetRowKey"] = rowKey,
        });
    }

    private static string SampleRoute(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:int)?[^}]*\}", m => m.Groups[2].Success ? "1" : "sample");
}

/// <summary>Tests that need a stack of their own because they break it or start it differently.</summary>
public sealed class DevHostLifecycleTests
{
    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Health_turns_503_when_storage_stops_and_names_storage_as_the_cause()
    {
        await using var stack = await LocalStack.StartAsync();
        using (var healthy = await stack.Client.GetAsync("/api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        using (var azurite = Process.GetProcessById(stack.AzuriteProcessId))
        {
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
        }

        HttpResponseMessage? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last?.Dispose();
            last = await stack.Client.GetAsync("/api/health");
            return last.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(30));
        var body = await last!.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unreachable", body.GetProperty("storage").GetString());
        last.Dispose();
    }

    [Fact]
    public async Task SIGTERM_stops_the_DevHost_and_the_Azurite_and_smtp4dev_it_started()
    {
        await using var stack = await LocalStack.StartAsync();
        var azuritePid = stack.AzuriteProcessId;
        var smtpPort = stack.SmtpPort;

        var exitCode = await stack.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        await Eventually.TrueAsync(() => Task.FromResult(!IsRunning(azuritePid)), TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () => !await AcceptsAsync(smtpPort), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Starting_on_a_port_already_taken_says_so_plainly()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Paths.RepoRoot };
        foreach (var argument in new[] { Paths.DevHostDll, "--port", $"{port}", "--in-memory" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"Port {port} is already in use", error);
        Assert.DoesNotContain("   at ", error);
    }
}
