using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// The key that signs customer session tokens: generated once, kept in the private blob container <c>keys</c>
/// (reached with the app's storage identity, never a setting), and read once per process. Two instances starting at
/// once agree because only the first upload (If-None-Match: *) wins and both then read that blob.
/// </summary>
public sealed class SigningKeys(StorageClients storage)
{
    private const string Container = "keys";
    private const string BlobName = "customer-session-signing-key";
    private Lazy<Task<byte[]>> _key = null!;

    public Task<byte[]> SessionKeyAsync()
    {
        var current = LazyInitializer.EnsureInitialized(ref _key, () => new Lazy<Task<byte[]>>(LoadOrCreateAsync));
        if (current.IsValueCreated && current.Value.IsFaulted)
        {
            Interlocked.CompareExchange(ref _key, new Lazy<Task<byte[]>>(LoadOrCreateAsync), current);
        }
        return _key.Value;
    }

    private async Task<byte[]> LoadOrCreateAsync()
    {
        var container = storage.Blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(PublicAccessType.None);
        var blob = container.GetBlobClient(BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(64)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException exists) when (exists.Status is 409 or 412)
        {
            // Created before (or by another instance just now): use that one.
        }
        var content = await blob.DownloadContentAsync();
        return content.Value.Content.ToArray();
    }
}
