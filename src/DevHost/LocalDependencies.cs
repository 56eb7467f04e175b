using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SupportFunctions.DevHost;

/// <summary>Where the local storage emulator and mail catcher listen.</summary>
public sealed record LocalEndpoints(string StorageConnectionString, int BlobPort, int QueuePort, int TablePort, int ProcessId);

/// <summary>
/// Starts Azurite and smtp4dev as child processes when no storage or mail server is configured,
/// on free loopback ports, and stops them with the DevHost.
/// </summary>
public sealed partial class LocalDependencies(string repoRoot, ILogger<LocalDependencies> logger) : IAsyncDisposable
{
    public const string AzuriteAccount = "devstoreaccount1";
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<Process> _started = [];
    private readonly Dictionary<string, Launch> _launches = new(StringComparer.Ordinal);

    /// <summary>How a dependency was started, so it can be started again on the same ports and data.</summary>
    private sealed record Launch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyList<int> Ports, IReadOnlyDictionary<string, string>? Environment)
    {
        public Process? Process { get; set; }
    }

    /// <summary>The dependencies this DevHost started: name, current process id, whether it runs.</summary>
    public IReadOnlyList<(string Name, int ProcessId, bool Running)> Started =>
        _launches.Select(l => (l.Key, l.Value.Process?.Id ?? 0, l.Value.Process is { HasExited: false })).ToList();

    public async Task<LocalEndpoints> StartAzuriteAsync(string? dataDirectory, int heapMiB, CancellationToken cancellationToken)
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var arguments = new List<string>
        {
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            "--skipApiVersionCheck", "--loose", "--silent",
        };
        if (dataDirectory is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.AddRange(["--location", dataDirectory]);
        }
        // A small V8 heap by default: Azurite's own lets garbage pile up to several hundred MiB under load. In memory it
        // also holds the data, so a large data set (the sweep benchmark's 100,000 tickets) needs a larger one.
        var azurite = await LaunchAsync("azurite", new Launch(Path.Combine(repoRoot, "node_modules", ".bin", "azurite"), arguments, [blob, queue, table],
            new Dictionary<string, string> { ["NODE_OPTIONS"] = $"--max-old-space-size={heapMiB} --max-semi-space-size=2" }), cancellationToken);
        return new LocalEndpoints(AzuriteConnectionString(blob, queue, table), blob, queue, table, azurite.Id);
    }

    public async Task<(string Ui, int SmtpPort)> StartSmtp4devAsync(CancellationToken cancellationToken)
    {
        var (ui, smtp) = (FreePort(), FreePort());
        // smtp4dev keeps only its newest 100 mails unless told otherwise; a load test sends hundreds.
        await LaunchAsync("smtp4dev", new Launch("dotnet",
            ["tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{ui}", $"--smtpport={smtp}", "--db=", "--messagestokeep=100000", "--bindaddress=127.0.0.1", "--imapport=0", "--pop3port=0", "--disableipv6", "--tlsmode=None"],
            [ui, smtp], null), cancellationToken);
        return ($"http://127.0.0.1:{ui}", smtp);
    }

    /// <summary>
    /// Starts a dependency that stopped (or was stopped by a fault test) again, on the same ports with the same data
    /// location; false when it is still running. Unknown names throw <see cref="KeyNotFoundException"/>.
    /// </summary>
    public async Task<bool> RestartAsync(string name, CancellationToken cancellationToken)
    {
        var launch = _launches[name];
        if (launch.Process is { HasExited: false })
        {
            return false;
        }
        await LaunchAsync(name, launch, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stops a dependency as a service manager would (SIGTERM, then a kill of its whole tree after 5 s); false when it was not
    /// running. Azurite saves its data on SIGTERM: a SIGKILL could lose its last 5 s of acknowledged writes, which real
    /// storage never does, so a fault test stops it this way.
    /// </summary>
    public async Task<bool> StopAsync(string name)
    {
        var launch = _launches[name];
        if (launch.Process is not { HasExited: false } process)
        {
            return false;
        }
        using (var terminate = Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await terminate.WaitForExitAsync();
        }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        LogStopped(name, process.Id);
        return true;
    }

    private async Task<Process> LaunchAsync(string name, Launch launch, CancellationToken cancellationToken)
    {
        _launches[name] = launch;
        launch.Process = Start(launch.FileName, launch.Arguments, name, launch.Environment);
        await WaitForPortsAsync(launch.Ports, name, cancellationToken);
        return launch.Process;
    }

    public static string AzuriteConnectionString(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount};AccountKey={AzuriteKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/{AzuriteAccount};QueueEndpoint=http://127.0.0.1:{queue}/{AzuriteAccount};" +
        $"TableEndpoint=http://127.0.0.1:{table}/{AzuriteAccount};";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private Process Start(string fileName, IEnumerable<string> arguments, string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {name}.");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { LogChild(name, line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { LogChild(name, line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        LogStarted(name, process.Id);
        return process;
    }

    private async Task WaitForPortsAsync(IReadOnlyList<int> ports, string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        foreach (var port in ports)
        {
            while (!await AcceptsAsync(port))
            {
                if (_launches.Values.Any(l => l.Process is { HasExited: true }))
                {
                    throw new InvalidOperationException($"{name} exited while starting; see its output above.");
                }
                try
                {
                    await Task.Delay(100, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{name} did not open port {port} within 90 s.");
                }
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _started.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Dependency} (pid {ProcessId})")]
    private partial void LogStarted(string dependency, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped {Dependency} (pid {ProcessId}) on request")]
    private partial void LogStopped(string dependency, int processId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Dependency}: {Line}")]
    private partial void LogChild(string dependency, string line);
}
