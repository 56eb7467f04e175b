namespace SupportFunctions.IntegrationTests.Infrastructure;

/// <summary>The one stack most tests share, started once per test run.</summary>
public sealed class SharedStack : IAsyncLifetime
{
    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync(new Dictionary<string, string>
    {
        // Webhook retries within a test's patience: a pause of a second, a two-second timeout, disabled after four failures.
        ["Webhooks__RetryDelays"] = "00:00:01,00:00:01,00:00:01",
        ["Webhooks__Timeout"] = "00:00:02",
        ["Webhooks__DisableAfterFailures"] = "4",
    });

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<SharedStack>
{
    public const string Name = "local stack";
}
