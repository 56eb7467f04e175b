using System.Text;

namespace SupportFunctions.Domain.Tickets;

/// <summary>
/// Decides what a file really is from its first bytes, whatever its name says. Only types that a browser cannot run are
/// allowed: raster images, PDF, ZIP and plain text (logs). Markup (HTML, SVG, XML) is refused even when it is named .png.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 512;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Zip = "application/zip";
    public const string PlainText = "text/plain; charset=utf-8";

    private static readonly string[] MarkupSigns =
        ["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<object", "<embed", "<a ", "<img", "<div", "<meta", "<style", "<!--"];

    /// <returns>The content type to serve the file as, or null when the type is not allowed.</returns>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return WebP;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8)) return Zip;
        return IsPlainText(head) ? PlainText : null;
    }

    /// <summary>Whether a browser may show the file inline: raster images only, never SVG or anything with markup.</summary>
    public static bool IsRasterImage(string contentType) => contentType is Png or Jpeg or Gif or WebP;

    private static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }
        if (head.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        foreach (var b in head)
        {
            if (b == 0 || (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x1B))
            {
                return false;
            }
        }
        // A multi-byte character may be cut at the end of the head; only the bytes before it must decode.
        var text = DecodeUtf8Prefix(head);
        if (text is null)
        {
            return false;
        }
        var lower = text.ToLowerInvariant();
        return !MarkupSigns.Any(lower.Contains);
    }

    private static string? DecodeUtf8Prefix(ReadOnlySpan<byte> bytes)
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut < 4 && cut < bytes.Length; cut++)
        {
            try
            {
                return strict.GetString(bytes[..^cut]);
            }
            catch (ArgumentException)
            {
                // Try without the last byte(s): they may be half a character.
            }
        }
        return null;
    }
}
