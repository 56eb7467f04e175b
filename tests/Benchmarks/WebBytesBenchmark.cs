using System.IO.Compression;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Benchmarks;

/// <summary>
/// JS and CSS the first page and the desk load (DESIGN: gzip ≤ 80 KB and ≤ 120 KB), from the web build's Vite manifest:
/// a page loads its entry chunk with every chunk it imports statically and their styles. The desk is the first page plus
/// the lazily loaded desk chunk and MSAL, which a build with the staff sign-in configured (production) loads too.
/// </summary>
public static class WebBytesBenchmark
{
    private const string Entry = "index.html";
    private const string DeskChunk = "src/desk/desk.ts";
    private const string MsalChunk = "src/desk/msal.ts";

    public static void Run()
    {
        var dist = Path.Combine(Paths.RepoRoot, "src", "Web", "dist");
        var manifestPath = Path.Combine(dist, ".vite", "manifest.json");
        Report.Header("Web: JS + CSS bytes per page (production build)");
        if (!File.Exists(manifestPath))
        {
            Console.WriteLine($"{manifestPath} is missing: build the web first (npm run web:build)");
            return;
        }
        var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath)).RootElement;
        var firstPage = Closure(manifest, [Entry]);
        var desk = Closure(manifest, [Entry, DeskChunk, MsalChunk]);
        Measure("first page", dist, firstPage, gzipBudgetKb: 80);
        Measure("desk (with MSAL)", dist, desk, gzipBudgetKb: 120);
    }

    private static void Measure(string page, string dist, IReadOnlySet<string> files, double gzipBudgetKb)
    {
        var raw = files.Sum(file => new FileInfo(Path.Combine(dist, file)).Length);
        var gzip = files.Sum(file => GzipLength(File.ReadAllBytes(Path.Combine(dist, file))));
        Report.Figure($"{page}: {files.Count} files, raw", raw / 1000.0, "KB");
        Report.Figure($"{page}: gzip", gzip / 1000.0, "KB", budget: gzipBudgetKb);
    }

    /// <summary>The files of the given chunks and of every chunk they import statically, with their styles.</summary>
    private static HashSet<string> Closure(JsonElement manifest, IEnumerable<string> chunks)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(chunks);
        while (pending.TryPop(out var key))
        {
            if (!seen.Add(key) || !manifest.TryGetProperty(key, out var chunk))
            {
                continue;
            }
            files.Add(chunk.GetProperty("file").GetString()!);
            files.UnionWith(Strings(chunk, "css"));
            foreach (var imported in Strings(chunk, "imports"))
            {
                pending.Push(imported);
            }
        }
        return files;
    }

    private static IEnumerable<string> Strings(JsonElement chunk, string property) =>
        chunk.TryGetProperty(property, out var values) ? values.EnumerateArray().Select(value => value.GetString()!) : [];

    private static long GzipLength(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return compressed.Length;
    }
}
