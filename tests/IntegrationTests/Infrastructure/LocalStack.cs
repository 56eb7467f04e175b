using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SupportFunctions.IntegrationTests.Infrastructure;

/// <summary>
/// One running DevHost process with its own Azurite (in memory unless given a data directory) and smtp4dev, on free ports,
/// exactly as <c>./support up --in-memory</c> runs it.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalStack(Process process, Uri baseUri, JsonElement stack, StringBuilder output)
    {
        _process = process;
        _output = output;
        BaseUri = baseUri;
        Stack = stack;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }
    public HttpClient Client { get; }
    public JsonElement Stack { get; }
    public string StorageConnectionString => Stack.GetProperty("storage").GetProperty("connectionString").GetString()!;
    public int AzuriteProcessId => Stack.GetProperty("storage").GetProperty("pid").GetInt32();
    public Uri MailUi => new(Stack.GetProperty("mail").GetString()!);
    public string Output { get { lock (_output) { return _output.ToString(); } } }
    public int ProcessId => _process.Id;
    public int SmtpPort => Stack.GetProperty("smtpPort").GetInt32();

    /// <summary>Sends SIGTERM, as a service manager or Ctrl-C would, and waits for the DevHost to exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public static readonly string[] LiftedCustomerLimits =
    [
        "Limits__TicketsPerCustomer", "Limits__TicketsPerAddress", "Limits__RepliesPerCustomer",
        "Limits__RepliesPerAddress", "Limits__UploadsPerCustomer", "Limits__UploadsPerAddress",
    ];

    /// <param name="dataDirectory">Where Azurite keeps its data; by default it keeps it in memory, lost when it stops.</param>
    public static async Task<LocalStack> StartAsync(IDictionary<string, string>? environment = null, string? dataDirectory = null)
    {
        var port = FreePort();
        var stackFile = Path.Combine(Path.GetTempPath(), $"sf-stack-{Guid.NewGuid():N}.json");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Paths.RepoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] storage = dataDirectory is null ? ["--in-memory"] : ["--data-dir", dataDirectory];
        string[] arguments = [Paths.DevHostDll, "--port", $"{port}", .. storage, "--no-seed", "--stack-file", stackFile];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DevHost__QueueVisibilityTimeout"] = "00:00:00.200";
        // Every test client calls from 127.0.0.1 and the benchmarks create thousands of tickets as one customer, so the
        // customer limits are lifted here; the throttle tests start a stack with small ones.
        foreach (var limit in LiftedCustomerLimits)
        {
            startInfo.Environment[limit] = "1000000";
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await Eventually.TrueAsync(async () => File.Exists(stackFile) && await AnswersAsync(baseUri), TimeSpan.FromSeconds(120),
            () => process.HasExited ? $"DevHost exited ({process.ExitCode}):\n{output}" : $"DevHost did not start:\n{output}");
        var stack = JsonDocument.Parse(await File.ReadAllTextAsync(stackFile)).RootElement.Clone();
        File.Delete(stackFile);
        return new LocalStack(process, baseUri, stack, output);
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(path))!;

    /// <summary>Waits until the app has handled every message on <paramref name="queueName"/> (one being handled still counts).</summary>
    public async Task DrainQueueAsync(string queueName, TimeSpan? timeout = null)
    {
        var queue = new Azure.Storage.Queues.QueueClient(StorageConnectionString, queueName);
        await queue.CreateIfNotExistsAsync();
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            timeout ?? TimeSpan.FromSeconds(30), () => $"{queueName} still holds messages");
    }

    private static async Task<bool> AnswersAsync(Uri baseUri)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri(baseUri, "/api/health"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
