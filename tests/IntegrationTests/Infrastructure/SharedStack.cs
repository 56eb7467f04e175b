namespace SupportFunctions.IntegrationTests.Infrastructure;

/// <summary>The one stack most tests share, started once per test run.</summary>
public sealed class SharedStack : IAsyncLifetime
{
    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync();

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<SharedStack>
{
    public const string Name = "local stack";
}
