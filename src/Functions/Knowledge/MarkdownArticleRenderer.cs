using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using SupportFunctions.Domain.Knowledge;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>
/// Markdown through Markdig, then HtmlSanitizer: no script, no event handlers, no <c>javascript:</c> or other schemes
/// but http, https and mailto; images only over https or from our own blob storage.
/// </summary>
public sealed partial class MarkdownArticleRenderer : IArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .Build();

    private readonly HtmlSanitizer _sanitizer;
    private readonly string? _ownImagePrefix;

    /// <param name="ownImages">Our blob endpoint (it may be plain http on the local stack); null allows https images only.</param>
    public MarkdownArticleRenderer(Uri? ownImages = null)
    {
        _ownImagePrefix = ownImages?.AbsoluteUri.TrimEnd('/') + "/";
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            _sanitizer.AllowedSchemes.Add(scheme);
        }
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedAttributes.Add("align");
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.NodeName == "IMG" && !IsAllowedImage(e.SanitizedUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { NodeName: "A" } link && link.GetAttribute("href") is { } href && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
            else if (e.Node is IElement { NodeName: "IMG" } image && image.GetAttribute("src") is null)
            {
                e.ReplacementNodes.Add(e.Document.CreateTextNode(image.GetAttribute("alt") ?? ""));
            }
        };
    }

    public string ToHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The words a reader sees, one space between them; raw HTML in the Markdown leaves only its text.</summary>
    public string ToPlainText(string markdown)
    {
        var text = Tag().Replace(WebUtility.HtmlDecode(Markdown.ToPlainText(markdown, Pipeline)), " ");
        return Whitespace().Replace(text, " ").Trim();
    }

    private bool IsAllowedImage(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (_ownImagePrefix is not null && url.StartsWith(_ownImagePrefix, StringComparison.OrdinalIgnoreCase)));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
