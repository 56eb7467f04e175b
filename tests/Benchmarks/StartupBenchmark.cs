using System.Diagnostics;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Benchmarks;

/// <summary>
/// The cold start a Functions instance pays (DESIGN: ≤ 1.5 s): a new DevHost process against storage and mail that are
/// already up (the running stack's), timed from process start to the first answered <c>/api/health</c>, which reads
/// storage. Once as built (JIT) and once published with ReadyToRun; the median of <see cref="Runs"/> starts each.
/// </summary>
public static class StartupBenchmark
{
    private const int Runs = 3;

    public static async Task RunAsync(LocalStack stack)
    {
        Report.Header($"Start-up: process start to the first answered request, storage up (median of {Runs})");
        await MeasureAsync(stack, "start-up, JIT (as built)", Paths.DevHostDll);
        var readyToRun = await PublishReadyToRunAsync();
        if (readyToRun is null)
        {
            Console.WriteLine("ReadyToRun publish failed (the runtime pack may be missing from the NuGet feed): no ReadyToRun figure");
            return;
        }
        await MeasureAsync(stack, "start-up, ReadyToRun", readyToRun);
    }

    private static async Task MeasureAsync(LocalStack stack, string name, string devHostDll)
    {
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            times.Add(await StartOnceAsync(stack, devHostDll));
        }
        Report.Figure(name, times.Order().ElementAt(Runs / 2), "ms", budget: 1500);
    }

    private static async Task<double> StartOnceAsync(LocalStack stack, string devHostDll)
    {
        var port = LocalStack.FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Paths.RepoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { devHostDll, "--port", $"{port}", "--no-seed" })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["AzureWebJobsStorage"] = stack.StorageConnectionString;
        startInfo.Environment["Mail__Smtp__Host"] = "127.0.0.1";
        startInfo.Environment["Mail__Smtp__Port"] = $"{stack.SmtpPort}";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        startInfo.Environment["AutoCloseSchedule"] = "0 0 3 1 1 *";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = started + (long)(60 * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline && !process.HasExited)
            {
                try
                {
                    using var answer = await client.GetAsync($"http://127.0.0.1:{port}/api/health");
                    if (answer.IsSuccessStatusCode)
                    {
                        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening, not answering yet.
                }
                await Task.Delay(10);
            }
            throw new InvalidOperationException($"the DevHost did not answer /api/health within 60 s (exited: {process.HasExited})");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Publishes the DevHost (and the functions it hosts) with ReadyToRun into the build output; returns its dll.</summary>
    private static async Task<string?> PublishReadyToRunAsync()
    {
        var output = Path.Combine(Paths.RepoRoot, "tests", "Benchmarks", "bin", "devhost-r2r");
        var startInfo = new ProcessStartInfo("dotnet", [
            "publish", Path.Combine(Paths.RepoRoot, "src", "DevHost", "SupportFunctions.DevHost.csproj"), "-c", "Release", "-r", "linux-x64",
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v:quiet", "-clp:ErrorsOnly",
        ])
        { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var publish = Process.Start(startInfo)!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            Console.WriteLine(await log + await errors);
            return null;
        }
        return Path.Combine(output, "SupportFunctions.DevHost.dll");
    }
}
