using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Security;

/// <summary>
/// The one stack the security tests share (the throttle tests start their own, with small limits), and a cast of
/// callers on it that tests may use but not spend (the authorisation matrix assembles its own: it signs its callers out).
/// </summary>
public sealed class SecurityStack : IAsyncLifetime
{
    private readonly SemaphoreSlim _assembling = new(1, 1);
    private Cast? _cast;

    public LocalStack Stack { get; private set; } = null!;

    // The matrix and the hostile-input tests call as one partner many times within a minute.
    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync(new Dictionary<string, string> { ["Partners__RequestsPerMinute"] = "10000" });

    public async Task<Cast> SharedCastAsync()
    {
        await _assembling.WaitAsync();
        try
        {
            return _cast ??= await Cast.AssembleAsync(Stack);
        }
        finally
        {
            _assembling.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        _assembling.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityStack>
{
    public const string Name = "security stack";
}
