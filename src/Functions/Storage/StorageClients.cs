using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// The app's clients for its one storage account, read from the same setting the Functions host uses
/// (<c>AzureWebJobsStorage</c>): a connection string locally, or identity-based
/// (<c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> ... + managed identity) in Azure.
/// Tables are created on first use, once per process.
/// </summary>
public sealed class StorageClients
{
    public const string Setting = "AzureWebJobsStorage";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);

    public StorageClients(IConfiguration configuration, StorageRoundTrips roundTrips, bool forProbe = false)
    {
        var limits = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var tableOptions = Configure(new TableClientOptions(), roundTrips.TablePolicy, forProbe, limits);
        var blobOptions = Configure(new BlobClientOptions(), roundTrips.Policy, forProbe, limits);
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, roundTrips.Policy, forProbe, limits);

        var connectionString = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Blobs = new BlobServiceClient(connectionString, blobOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            return;
        }

        var section = configuration.GetSection(Setting);
        var credential = CredentialFrom(section);
        var accountName = section["accountName"];
        Tables = new TableServiceClient(ServiceUri(section, "table", accountName), credential, tableOptions);
        Blobs = new BlobServiceClient(ServiceUri(section, "blob", accountName), credential, blobOptions);
        Queues = new QueueServiceClient(ServiceUri(section, "queue", accountName), credential, queueOptions);
    }

    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    public Task<TableClient> TableAsync(string name) =>
        Ensure(_tables, name, async () =>
        {
            var table = Tables.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            return table;
        });

    public Task<QueueClient> QueueAsync(string name) =>
        Ensure(_queues, name, async () =>
        {
            var queue = Queues.GetQueueClient(name);
            await queue.CreateIfNotExistsAsync();
            return queue;
        });

    /// <summary>A failed creation is forgotten, so the next caller tries again instead of inheriting the failure.</summary>
    private static async Task<T> Ensure<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var entry = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await entry.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, entry));
            throw;
        }
    }

    /// <summary>Bounded tries, so a request meets an unreachable account with a clean failure, never a hang.</summary>
    private static T Configure<T>(T options, HttpPipelinePolicy counting, bool forProbe, StorageOptions limits) where T : ClientOptions
    {
        options.AddPolicy(counting, HttpPipelinePosition.PerRetry);
        if (forProbe)
        {
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(3);
        }
        else
        {
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.MaxRetries = limits.MaxRetries;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
            options.Retry.NetworkTimeout = limits.NetworkTimeout;
        }
        return options;
    }

    private static Uri ServiceUri(IConfigurationSection section, string service, string? accountName)
    {
        var explicitUri = section[$"{service}ServiceUri"];
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return new Uri(explicitUri);
        }
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {Setting} (connection string) or {Setting}__accountName / {Setting}__{service}ServiceUri.");
        }
        return new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    private static TokenCredential CredentialFrom(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
