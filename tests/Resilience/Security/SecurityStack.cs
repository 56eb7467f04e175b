using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Security;

/// <summary>The one stack the security tests share (the throttle tests start their own, with small limits).</summary>
public sealed class SecurityStack : IAsyncLifetime
{
    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync();

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityStack>
{
    public const string Name = "security stack";
}
