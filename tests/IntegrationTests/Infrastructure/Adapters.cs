using Microsoft.Extensions.Configuration;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.IntegrationTests.Infrastructure;

/// <summary>The app's storage adapters, built in the test process against a running stack's Azurite.</summary>
public sealed class Adapters
{
    public Adapters(LocalStack stack, IClock? clock = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>(StorageClients.Setting, stack.StorageConnectionString)])
            .Build();
        RoundTrips = new StorageRoundTrips();
        Storage = new StorageClients(configuration, RoundTrips);
        Clock = clock ?? new SystemClock();
        Expiries = new ExpiryIndex(Storage, Clock);
        Outbox = new MailOutbox(Storage, Clock);
    }

    public StorageRoundTrips RoundTrips { get; }
    public StorageClients Storage { get; }
    public IClock Clock { get; }
    public ExpiryIndex Expiries { get; }
    public MailOutbox Outbox { get; }
}

/// <summary>The real time moved by <paramref name="by"/>: a request that ran minutes ago, say.</summary>
public sealed class ShiftedClock(TimeSpan by) : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + by;
}
