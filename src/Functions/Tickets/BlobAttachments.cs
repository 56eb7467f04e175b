using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Tickets;

/// <summary>
/// Attachment blobs in container <c>attachments</c>, named by the server. The browser gets a SAS that may only create one
/// blob <c>pending/{account}/{upload id}</c> (not overwrite it, not read it) for minutes; a file that passes the checks is
/// moved to <c>{account}/{upload id}</c> before the message that links it commits, so whatever stays under <c>pending/</c>
/// was never linked and the storage lifecycle rule (infra/bicep/modules/storage.bicep) deletes it after a day or two.
/// Downloads get a read SAS for minutes that makes Blob Storage serve the file with the sniffed type and as a download
/// (inline only for raster images).
/// With a connection string the SAS is signed with the account key; with managed identity, with a user delegation key.
/// </summary>
public sealed class BlobAttachments(StorageClients storage) : IAttachmentBlobs, IDisposable
{
    public const string ContainerName = "attachments";

    /// <summary>Where uploads wait to be linked; the lifecycle rule's prefix is <c>attachments/pending/</c>.</summary>
    public const string PendingPrefix = "pending/";
    private static readonly TimeSpan CopySourceLifetime = TimeSpan.FromMinutes(10);
    private readonly Lazy<Task<BlobContainerClient>> _container = new(async () =>
    {
        var container = storage.Blobs.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync();
        return container;
    });
    private readonly SemaphoreSlim _delegationGate = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<Uri> UploadUrlAsync(string accountId, string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(accountId, uploadId, pending: true);
        var sas = new BlobSasBuilder(BlobSasPermissions.Create, expiresAt)
        {
            BlobContainerName = ContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = SasProtocol.HttpsAndHttp,
        };
        return await SignAsync(blob, sas, cancellationToken);
    }

    /// <summary>The pending upload, or (when an earlier attempt at the same change already kept it) the kept blob.</summary>
    public async Task<UploadedBlob?> ProbeAsync(string accountId, string uploadId, CancellationToken cancellationToken) =>
        await ProbeAsync(await BlobAsync(accountId, uploadId, pending: true), cancellationToken)
        ?? await ProbeAsync(await BlobAsync(accountId, uploadId), cancellationToken);

    private static async Task<UploadedBlob?> ProbeAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Range = new HttpRange(0, FileSniffer.HeadLength) }, cancellationToken);
            using var content = download.Value.Content;
            using var head = new MemoryStream();
            await content.CopyToAsync(head, cancellationToken);
            return new UploadedBlob(TotalSize(download.Value.Details) ?? head.Length, head.ToArray());
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException empty) when (empty.Status == 416)
        {
            return new UploadedBlob(0, []);
        }
    }

    public async Task DeleteAsync(string accountId, string uploadId, CancellationToken cancellationToken)
    {
        await (await BlobAsync(accountId, uploadId, pending: true)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await (await BlobAsync(accountId, uploadId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Copies <c>pending/{account}/{id}</c> to <c>{account}/{id}</c> (same account, so the copy completes at once; the source is
    /// named with a read SAS, which works with a key and with managed identity alike) and deletes the pending blob.
    /// Nothing pending: already kept.
    /// </summary>
    public async Task KeepAsync(string accountId, string uploadId, CancellationToken cancellationToken)
    {
        var pending = await BlobAsync(accountId, uploadId, pending: true);
        var kept = await BlobAsync(accountId, uploadId);
        var source = await SignAsync(pending, new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow + CopySourceLifetime)
        {
            BlobContainerName = ContainerName,
            BlobName = pending.Name,
            Resource = "b",
            Protocol = SasProtocol.HttpsAndHttp,
        }, cancellationToken);
        try
        {
            var copy = await kept.StartCopyFromUriAsync(source, cancellationToken: cancellationToken);
            await copy.WaitForCompletionAsync(cancellationToken);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return;
        }
        await pending.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<Uri> DownloadUrlAsync(string accountId, Attachment attachment, bool inline, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(accountId, attachment.Id);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = ContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = SasProtocol.HttpsAndHttp,
            ContentType = attachment.ContentType,
            ContentDisposition = ContentDisposition(inline, attachment.FileName),
            CacheControl = "private, no-store",
        };
        return await SignAsync(blob, sas, cancellationToken);
    }

    /// <summary>RFC 6266: an ASCII fallback name plus the exact name in UTF-8.</summary>
    public static string ContentDisposition(bool inline, string fileName)
    {
        var ascii = new string(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' and not ';' ? c : '_').ToArray());
        var encoded = Uri.EscapeDataString(fileName);
        return string.Create(CultureInfo.InvariantCulture, $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    }

    private async Task<BlobClient> BlobAsync(string accountId, string uploadId, bool pending = false)
    {
        if (!AttachmentRules.IsUploadId(uploadId) || accountId.Length is 0 or > 128 || !accountId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("Blob names are built from server-made ids only.");
        }
        var container = await _container.Value;
        return container.GetBlobClient($"{(pending ? PendingPrefix : "")}{accountId}/{uploadId}");
    }

    private async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }
        var key = await DelegationKeyAsync(sas.ExpiresOn, cancellationToken);
        var query = sas.ToSasQueryParameters(key, storage.Blobs.AccountName).ToString();
        return new UriBuilder(blob.Uri) { Query = query }.Uri;
    }

    /// <summary>One user delegation key serves many links; a new one is fetched when it would expire before the link.</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        await _delegationGate.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < neededUntil)
            {
                var startsOn = DateTimeOffset.UtcNow.AddMinutes(-5);
                _delegationKey = (await storage.Blobs.GetUserDelegationKeyAsync(startsOn, neededUntil.AddHours(6), cancellationToken)).Value;
            }
            return _delegationKey;
        }
        finally
        {
            _delegationGate.Release();
        }
    }

    public void Dispose() => _delegationGate.Dispose();

    private static long? TotalSize(BlobDownloadDetails details)
    {
        // "bytes 0-511/12345": the total after the slash.
        var range = details.ContentRange;
        var slash = range?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(range![(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
    }
}

/// <summary>Lets the portal's origin PUT uploads straight to Blob Storage (locally; in Azure the deployment sets CORS).</summary>
public sealed partial class UploadCorsSetup(StorageClients storage, IOptions<TicketStorageOptions> options, ILogger<UploadCorsSetup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var origins = options.Value.UploadCorsOrigins;
        if (string.IsNullOrWhiteSpace(origins))
        {
            return;
        }
        try
        {
            var properties = (await storage.Blobs.GetPropertiesAsync(cancellationToken)).Value;
            properties.Cors = [new BlobCorsRule
            {
                AllowedOrigins = origins,
                AllowedMethods = "PUT,OPTIONS",
                AllowedHeaders = "content-type,x-ms-blob-type,x-ms-version,x-ms-date,x-ms-client-request-id,x-ms-blob-content-type",
                ExposedHeaders = "etag,x-ms-request-id",
                MaxAgeInSeconds = 3600,
            }];
            await storage.Blobs.SetPropertiesAsync(properties, cancellationToken);
        }
        catch (RequestFailedException failure)
        {
            LogCorsFailed(failure, origins);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set Blob Storage CORS for {Origins}; browser uploads will fail")]
    private partial void LogCorsFailed(Exception failure, string origins);
}

public sealed class TicketStorageOptions
{
    /// <summary>Comma-separated origins allowed to PUT uploads (set by the DevHost locally; empty in Azure, where Bicep sets CORS).</summary>
    public string? UploadCorsOrigins { get; set; }
}
