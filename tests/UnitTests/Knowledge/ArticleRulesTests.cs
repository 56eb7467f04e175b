using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Knowledge;

namespace SupportFunctions.UnitTests.Knowledge;

public sealed class ArticleRulesTests
{
    private static readonly IReadOnlySet<string> Products = new HashSet<string> { "cryptoguard-csp" };

    [Theory]
    [InlineData("Ошибка 0x80090016 «Набор ключей не существует»", "oshibka-0x80090016-nabor-klyuchey-ne-sushchestvuet")]
    [InlineData("Installing CryptoGuard CSP — on Windows!", "installing-cryptoguard-csp-on-windows")]
    [InlineData("Учётная запись", "uchetnaya-zapis")]
    [InlineData("«»", "article")]
    public void A_slug_is_made_from_the_title(string title, string slug)
    {
        Assert.Equal(slug, ArticleRules.SlugFrom(title));
        Assert.True(ArticleRules.IsSlug(slug));
    }

    [Fact]
    public void A_draft_with_every_field_wrong_is_refused_once_listing_each_field()
    {
        var refused = Assert.Throws<DomainException>(() => ArticleRules.Check(
            new ArticleDraft("Bad Slug", "de", " ", new string('x', ArticleRules.MaxBodyLength + 1), ["nope"], true, "Also Bad"), Products));

        Assert.Equal("validation_failed", refused.Code);
        Assert.Equal(["bodyMarkdown", "language", "productIds", "slug", "title", "translationOf"], refused.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_good_draft_comes_back_trimmed_with_its_products_once_each()
    {
        var draft = ArticleRules.Check(new ArticleDraft(null, "ru", "  Заголовок ", "Текст\r\n", ["cryptoguard-csp", "cryptoguard-csp"], null, null), Products);

        Assert.Equal(("Заголовок", "Текст\n", false), (draft.Title, draft.BodyMarkdown, draft.Published));
        Assert.Equal(["cryptoguard-csp"], draft.ProductIds);
    }
}

public sealed class MarkdownArticleRendererTests
{
    private readonly MarkdownArticleRenderer _renderer = new(new Uri("https://ourstore.blob.core.windows.net"));

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=\"https://x.example/a.png\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert")]
    [InlineData("<p onclick=\"alert(1)\">x</p>", "onclick")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("![x](http://plain.example/a.png)", "plain.example")]
    [InlineData("![x](data:image/png;base64,AAAA)", "data:")]
    [InlineData("<a href=\"vbscript:x\">x</a>", "vbscript")]
    public void Nothing_that_runs_or_loads_from_elsewhere_survives(string markdown, string forbidden) =>
        Assert.DoesNotContain(forbidden, _renderer.ToHtml(markdown), StringComparison.OrdinalIgnoreCase);

    [Theory]
    [InlineData("![x](https://cdn.example/a.png)", "src=\"https://cdn.example/a.png\"")]
    [InlineData("![x](https://ourstore.blob.core.windows.net/kb/a.png)", "src=\"https://ourstore.blob.core.windows.net/kb/a.png\"")]
    [InlineData("[docs](https://example.com)", "rel=\"nofollow noopener noreferrer\"")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |", "<table>")]
    [InlineData("`code` and **bold**", "<code>code</code>")]
    public void Markdown_renders_with_safe_links_images_and_tables(string markdown, string expected) =>
        Assert.Contains(expected, _renderer.ToHtml(markdown), StringComparison.Ordinal);

    [Fact]
    public void Plain_text_keeps_the_words_only() =>
        Assert.Equal("Install bold & done code link", _renderer.ToPlainText("# Install\n\n<b>bold</b> &amp; done\n\n`code` [link](https://x.example)"));
}
