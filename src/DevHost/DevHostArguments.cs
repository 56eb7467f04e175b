using System.Globalization;

namespace SupportFunctions.DevHost;

/// <summary>The DevHost's command line: <c>[--port N] [--in-memory] [--data-dir DIR] [--seed] [--no-seed] [--stack-file FILE] [--write-openapi FILE]</c>.</summary>
public sealed record DevHostArguments(int Port, bool InMemory, string? DataDirectory, bool SeedAndExit, bool SeedOnFirstStart, string? StackFile, string? OpenApiFile = null)
{
    public static DevHostArguments Parse(string[] args)
    {
        var parsed = new DevHostArguments(7071, false, null, false, true, null);
        for (var i = 0; i < args.Length; i++)
        {
            parsed = args[i] switch
            {
                "--port" => parsed with { Port = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture) },
                "--in-memory" => parsed with { InMemory = true },
                "--data-dir" => parsed with { DataDirectory = Value(args, ref i) },
                "--seed" => parsed with { SeedAndExit = true },
                "--no-seed" => parsed with { SeedOnFirstStart = false },
                "--stack-file" => parsed with { StackFile = Value(args, ref i) },
                "--write-openapi" => parsed with { OpenApiFile = Value(args, ref i) },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'. Options: --port N, --in-memory, --data-dir DIR, --seed, --no-seed, --stack-file FILE, --write-openapi FILE."),
            };
        }
        return parsed;
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value.");
}
