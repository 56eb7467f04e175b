using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

/// <summary>
/// What may be attached: at most N files a message, each within the size limit and of an allowed real type. A file that
/// fails is deleted and nothing of the message is stored.
/// </summary>
public sealed class AttachmentRules(IAttachmentBlobs blobs, TicketOptions options)
{
    public const int FileNameMaxLength = 255;
    private static readonly string[] RefusedDeclaredTypes = ["html", "svg", "xml", "javascript", "ecmascript"];

    /// <summary>Checks the ids a message names before anything is loaded.</summary>
    public IReadOnlyList<string> ValidateIds(IReadOnlyList<string>? ids, Validator validator, string field = "attachmentIds")
    {
        var list = ids ?? [];
        validator.Check(list.Count <= options.MaxAttachmentsPerMessage, field, $"At most {options.MaxAttachmentsPerMessage} files a message.");
        validator.Check(list.All(IsUploadId), field, "Unknown upload id.");
        validator.Check(list.Distinct(StringComparer.Ordinal).Count() == list.Count, field, "The same file is attached twice.");
        return list;
    }

    /// <summary>Checks a file the customer is about to upload, by what the browser says of it.</summary>
    public void ValidateUpload(string? fileName, string? contentType, long size)
    {
        var validator = new Validator()
            .Required("fileName", fileName)
            .MaxLength("fileName", fileName, FileNameMaxLength)
            .VisibleText("fileName", fileName)
            .Check(size > 0, "size", "The file is empty.");
        validator.ThrowIfInvalid();
        if (size > options.MaxAttachmentBytes)
        {
            throw TooLarge();
        }
        if (contentType is not null && RefusedDeclaredTypes.Any(t => contentType.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            throw TypeNotAllowed();
        }
    }

    /// <summary>
    /// The attachments for <paramref name="ids"/>, each checked against its blob; throws (and deletes the bad blob) on the first
    /// refusal. When all pass, their blobs are kept (taken out of the pending uploads) before the change that links them commits.
    /// </summary>
    public async Task<IReadOnlyList<Attachment>> CheckAsync(
        string accountId, IReadOnlyList<string> ids, IReadOnlyList<PendingUpload> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var byId = pending.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var uploads = ids.Select(id => byId.TryGetValue(id, out var upload) && upload.ExpiresAt > now
            ? upload
            : throw new DomainException(FailureKind.RuleViolated, "upload_not_found", "An attached file was not found. Attach it again.")).ToList();
        var probes = await Task.WhenAll(uploads.Select(u => blobs.ProbeAsync(accountId, u.Id, cancellationToken)));
        var attachments = new List<Attachment>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            var blob = probes[i] ?? throw new DomainException(FailureKind.RuleViolated, "upload_missing",
                $"The file {upload.FileName} was not uploaded, or its upload link expired. Attach it again.");
            var type = FileSniffer.Sniff(blob.Head);
            if (blob.Size > options.MaxAttachmentBytes || type is null)
            {
                await blobs.DeleteAsync(accountId, upload.Id, cancellationToken);
                throw type is null ? TypeNotAllowed() : TooLarge();
            }
            attachments.Add(new Attachment(upload.Id, upload.FileName, blob.Size, type));
        }
        await Task.WhenAll(uploads.Select(u => blobs.KeepAsync(accountId, u.Id, cancellationToken)));
        return attachments;
    }

    public static bool IsUploadId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private DomainException TooLarge() =>
        new(FailureKind.TooLarge, "attachment_too_large", $"A file may be at most {options.MaxAttachmentBytes / (1024 * 1024)} MB.");

    private static DomainException TypeNotAllowed() =>
        new(FailureKind.RuleViolated, "attachment_type_not_allowed",
            "Attach images (PNG, JPEG, GIF, WebP), PDF, ZIP or plain-text logs. Web pages and SVG files are not accepted.");
}
