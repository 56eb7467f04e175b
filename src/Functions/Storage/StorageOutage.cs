using Azure;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// Tells a storage account that cannot be reached (refused or reset connections, network timeouts, the service answering
/// 503) from a storage answer the code must handle. The SDK gives up after its bounded retries (<see cref="StorageOptions"/>)
/// and throws one of these; the API answers them with 503 and <c>Retry-After</c>.
/// </summary>
public static class StorageOutage
{
    /// <summary>What a client is told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static bool Is(Exception failure) => failure switch
    {
        RequestFailedException { Status: 0 or 503 } => true,
        HttpRequestException or TimeoutException => true,
        // The SDK's network timeout surfaces as a cancellation that nobody asked for.
        TaskCanceledException => true,
        // The SDK's retry policy throws every try's failure together once it gives up.
        AggregateException many => many.InnerExceptions.Count > 0 && many.InnerExceptions.All(Is),
        _ => false,
    };
}

/// <summary>How long the app's storage clients try before giving up (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>One try's limit; the Table service itself answers a query page within 5 s (with a continuation).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries after the first, 200 ms apart and doubling.</summary>
    public int MaxRetries { get; set; } = 2;
}
