using System.Globalization;

namespace SupportFunctions.Benchmarks;

/// <summary>Samples the resident memory (VmRSS) of named processes every 100 ms and keeps the peak of each and of their sum.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, int> _processes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);
    private long _peakTotal;

    public MemorySampler(IReadOnlyDictionary<string, int> processes)
    {
        _processes = processes;
        _sampling = SampleAsync();
    }

    public IReadOnlyDictionary<string, long> PeakBytes => _peaks;
    public long PeakTotalBytes => _peakTotal;

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            long total = 0;
            foreach (var (name, pid) in _processes)
            {
                var rss = ResidentBytes(pid);
                total += rss;
                _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), rss);
            }
            _peakTotal = Math.Max(_peakTotal, total);
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static long ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return 0;
        }
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
