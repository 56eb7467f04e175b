using System.Text;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.UnitTests.Tickets;

public sealed class FileSnifferTests
{
    public static TheoryData<byte[], string> Allowed => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], FileSniffer.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], FileSniffer.Jpeg },
        { "GIF89a\u0001\u0000"u8.ToArray(), FileSniffer.Gif },
        { "RIFF\u0010\u0000\u0000\u0000WEBPVP8 "u8.ToArray(), FileSniffer.WebP },
        { "%PDF-1.7\n"u8.ToArray(), FileSniffer.Pdf },
        { "PK\u0003\u0004\u0014\u0000"u8.ToArray(), FileSniffer.Zip },
        { "2026-11-25 09:30:01 ERROR Service failed: timeout\r\n\tat Main()\n"u8.ToArray(), FileSniffer.PlainText },
        { Encoding.UTF8.GetBytes("Ошибка: сертификат не найден\n"), FileSniffer.PlainText },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Allowed_files_are_recognised_by_their_first_bytes(byte[] head, string expected) =>
        Assert.Equal(expected, FileSniffer.Sniff(head));

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("<?xml version=\"1.0\"?><svg/>")]
    [InlineData("  \n<html><body>hi</body></html>")]
    [InlineData("some text then <script>alert(1)</script>")]
    public void Markup_is_refused_whatever_the_file_is_called(string content) =>
        Assert.Null(FileSniffer.Sniff(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Unknown_binary_and_empty_files_are_refused()
    {
        Assert.Null(FileSniffer.Sniff([0x4D, 0x5A, 0x90, 0x00, 0x03]));
        Assert.Null(FileSniffer.Sniff([]));
        Assert.Null(FileSniffer.Sniff([0xC3, 0x28, 0x41, 0x42, 0x43]));
    }

    [Fact]
    public void A_multi_byte_character_cut_at_the_end_of_the_head_is_still_text()
    {
        var bytes = Encoding.UTF8.GetBytes("журнал");
        Assert.Equal(FileSniffer.PlainText, FileSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void Only_raster_images_may_be_shown_inline()
    {
        Assert.True(FileSniffer.IsRasterImage(FileSniffer.Png));
        Assert.True(FileSniffer.IsRasterImage(FileSniffer.WebP));
        Assert.False(FileSniffer.IsRasterImage(FileSniffer.Pdf));
        Assert.False(FileSniffer.IsRasterImage(FileSniffer.PlainText));
        Assert.False(FileSniffer.IsRasterImage("image/svg+xml"));
    }
}
