using System.Net;
using Azure.Storage.Blobs.Models;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

[Collection(StackCollection.Name)]
public sealed class AttachmentStorageTests(SharedStack shared) : IDisposable
{
    private readonly TicketAdapters _adapters = new(shared.Stack, options: new TicketOptions { MaxAttachmentBytes = 4096 });
    private readonly string _account = Guid.NewGuid().ToString("N");
    private static readonly HttpClient Http = new();

    public void Dispose() => _adapters.Dispose();

    private async Task<(PendingUpload Upload, Uri Url)> RequestAsync(string fileName, DateTimeOffset? linkExpiresAt = null)
    {
        var upload = new PendingUpload(Guid.NewGuid().ToString("N"), fileName, 100, DateTimeOffset.UtcNow.AddHours(1));
        await _adapters.Store.AddUploadAsync(_account, upload, CancellationToken.None);
        var url = await _adapters.Blobs.UploadUrlAsync(_account, upload.Id, linkExpiresAt ?? DateTimeOffset.UtcNow.AddMinutes(10), CancellationToken.None);
        return (upload, url);
    }

    private static async Task<HttpStatusCode> PutAsync(Uri url, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = body };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private Task<IReadOnlyList<Attachment>> CheckAsync(params PendingUpload[] uploads) =>
        _adapters.Rules.CheckAsync(_account, uploads.Select(u => u.Id).ToList(), uploads, DateTimeOffset.UtcNow, CancellationToken.None);

    [Fact]
    public async Task An_uploaded_screenshot_is_checked_by_its_bytes_and_served_as_a_download_or_inline()
    {
        var (upload, url) = await RequestAsync("screen shot «1».png");
        Assert.Equal(HttpStatusCode.Created, await PutAsync(url, Files.Png));

        var attachment = Assert.Single(await CheckAsync(upload));
        Assert.Equal((Files.Png.LongLength, "image/png"), (attachment.Size, attachment.ContentType));

        using var download = await Http.GetAsync(await _adapters.Blobs.DownloadUrlAsync(_account, attachment, false, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment;", download.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal(Files.Png, await download.Content.ReadAsByteArrayAsync());

        using var inline = await Http.GetAsync(await _adapters.Blobs.DownloadUrlAsync(_account, attachment, true, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        Assert.StartsWith("inline;", inline.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_wait_under_pending_and_only_linked_files_leave_it_so_the_lifecycle_rule_deletes_just_the_unlinked()
    {
        var container = _adapters.Shared.Storage.Blobs.GetBlobContainerClient(BlobAttachments.ContainerName);
        var (linked, linkedUrl) = await RequestAsync("linked.png");
        var (forgotten, forgottenUrl) = await RequestAsync("forgotten.png");
        Assert.Equal(HttpStatusCode.Created, await PutAsync(linkedUrl, Files.Png));
        Assert.Equal(HttpStatusCode.Created, await PutAsync(forgottenUrl, Files.Png));
        Assert.Contains($"/{BlobAttachments.ContainerName}/pending/{_account}/", linkedUrl.AbsolutePath, StringComparison.Ordinal);

        var attachment = Assert.Single(await CheckAsync(linked));
        Assert.Single(await CheckAsync(linked)); // the same change tried again (a lost race) finds the kept blob

        async Task<string[]> NamesAsync(string prefix)
        {
            var names = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
            {
                names.Add(blob.Name);
            }
            return [.. names];
        }
        Assert.Equal([$"pending/{_account}/{forgotten.Id}"], await NamesAsync($"pending/{_account}/"));
        Assert.Equal([$"{_account}/{linked.Id}"], await NamesAsync($"{_account}/"));
        using var download = await Http.GetAsync(await _adapters.Blobs.DownloadUrlAsync(_account, attachment, false, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));
        Assert.Equal(Files.Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_upload_link_creates_one_blob_and_can_neither_overwrite_it_nor_read_it()
    {
        var (_, url) = await RequestAsync("log.txt");
        Assert.Equal(HttpStatusCode.Created, await PutAsync(url, Files.Log));

        Assert.NotEqual(HttpStatusCode.Created, await PutAsync(url, Files.Html));
        using var read = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        var other = new UriBuilder(url) { Path = url.AbsolutePath.Replace(url.Segments[^1], Guid.NewGuid().ToString("N"), StringComparison.Ordinal) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(other, Files.Log));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("svg")]
    public async Task Markup_named_as_an_image_is_refused_and_its_blob_deleted(string kind)
    {
        var (upload, url) = await RequestAsync("photo.png");
        await PutAsync(url, kind == "html" ? Files.Html : Files.Svg);

        var refused = await Assert.ThrowsAsync<DomainException>(() => CheckAsync(upload));

        Assert.Equal("attachment_type_not_allowed", refused.Code);
        Assert.Null(await _adapters.Blobs.ProbeAsync(_account, upload.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_its_blob_deleted()
    {
        var (upload, url) = await RequestAsync("big.log");
        await PutAsync(url, [.. Enumerable.Repeat((byte)'a', 5000)]);

        var refused = await Assert.ThrowsAsync<DomainException>(() => CheckAsync(upload));

        Assert.Equal((FailureKind.TooLarge, "attachment_too_large"), (refused.Kind, refused.Code));
        Assert.Null(await _adapters.Blobs.ProbeAsync(_account, upload.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_upload_link_uploads_nothing_and_the_file_cannot_be_linked()
    {
        var (upload, url) = await RequestAsync("late.png", linkExpiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(url, Files.Png));
        var refused = await Assert.ThrowsAsync<DomainException>(() => CheckAsync(upload));
        Assert.Equal("upload_missing", refused.Code);
    }

    [Fact]
    public async Task Another_accounts_upload_id_is_not_found_under_mine()
    {
        var (upload, url) = await RequestAsync("theirs.png");
        await PutAsync(url, Files.Png);

        var mine = await _adapters.Store.FindUploadsAsync(Guid.NewGuid().ToString("N"), [upload.Id], CancellationToken.None);
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            _adapters.Rules.CheckAsync(Guid.NewGuid().ToString("N"), [upload.Id], mine, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Empty(mine);
        Assert.Equal("upload_not_found", refused.Code);
    }

    [Fact]
    public async Task The_portal_origin_may_put_uploads_to_blob_storage()
    {
        var (_, url) = await RequestAsync("cors.png");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
        preflight.Headers.Add("Origin", shared.Stack.BaseUri.GetLeftPart(UriPartial.Authority));
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type,content-type");

        using var response = await Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(shared.Stack.BaseUri.GetLeftPart(UriPartial.Authority), response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
