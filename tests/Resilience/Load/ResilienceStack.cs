using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Load;

/// <summary>
/// The stack the load, fault and concurrency tests share: Azurite keeps its data on disk (a temporary directory), so it can be
/// stopped and started again without losing what it had acknowledged, as real storage never does; storage calls give up
/// within a stated time; a message whose handler could not put it back reappears in 10 s.
/// </summary>
public sealed class ResilienceStack : IAsyncLifetime
{
    /// <summary>One storage try's limit on this stack (the app's default is 10 s with 2 retries).</summary>
    public static readonly TimeSpan StorageTryTimeout = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest any request may take, outage or not: a storage call gives up after two tries of
    /// <see cref="StorageTryTimeout"/> (16.2 s with the pause), and a failed request makes at most one more call (an
    /// idempotent create releasing its claim); the rest is room for a busy two-core machine.
    /// </summary>
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(40);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"sf-resilience-{Guid.NewGuid():N}");

    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync(new Dictionary<string, string>
    {
        ["Storage__NetworkTimeout"] = StorageTryTimeout.ToString(),
        ["Storage__MaxRetries"] = "1",
        ["DevHost__QueueMessageLease"] = "00:00:10",
    }, _dataDirectory);

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ResilienceCollection : ICollectionFixture<ResilienceStack>
{
    public const string Name = "resilience stack";
}
