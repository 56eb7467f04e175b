using System.Globalization;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Knowledge;
using Xunit.Abstractions;

namespace SupportFunctions.UnitTests.Knowledge;

public sealed class ArticleSearchTests(ITestOutputHelper output) : IDisposable
{
    private readonly LuceneArticleIndex _index = RelevanceCorpus.Index();

    public void Dispose() => _index.Dispose();

    private async Task<List<string>> SlugsAsync(string text, string? language = null, string? product = null, int limit = 10,
        SearchPurpose purpose = SearchPurpose.Search) =>
        (await _index.SearchAsync(new ArticleQuery(text, language, product, limit, purpose), CancellationToken.None)).Select(h => h.Slug).ToList();

    [Theory]
    [InlineData("обращения", "ticket-howto-ru")]
    [InlineData("сертификатов", "cert-register-ru")]
    [InlineData("лицензией", "csp-licence-ru")]
    [InlineData("подписи документов", "signflow-keyset-ru")]
    public async Task Russian_word_forms_find_the_article_that_uses_another_form(string query, string expected) =>
        Assert.Contains(expected, await SlugsAsync(query, "ru"));

    [Theory]
    [InlineData("certificates", "cert-register-en")]
    [InlineData("installation", "csp-install-en")]
    [InlineData("connecting", "vpn-809-en")]
    [InlineData("restarting", "csp-uninstall-en")]
    public async Task English_word_forms_find_the_article_that_uses_another_form(string query, string expected) =>
        Assert.Contains(expected, await SlugsAsync(query, "en"));

    [Fact]
    public async Task Yo_and_ye_are_the_same_letter_both_ways()
    {
        Assert.Equal("trustca-admin-ru", (await SlugsAsync("учетная запись"))[0]);
        Assert.Contains("csp-logs-ru", await SlugsAsync("учётные данные"));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        var found = await SlugsAsync("uninstall", "en");

        Assert.Equal(["csp-uninstall-en", "vpn-client-en"], found);
    }

    [Fact]
    public async Task The_product_filter_keeps_only_that_products_articles()
    {
        var found = await SlugsAsync("809 error ошибка", product: "cryptoguard-vpn");

        Assert.Equal(["vpn-809-en", "vpn-809-ru"], found.Order(StringComparer.Ordinal));
        Assert.Empty(await SlugsAsync("809", product: "signflow"));
    }

    [Fact]
    public async Task The_language_filter_keeps_only_that_language()
    {
        Assert.Equal(["vpn-809-en"], await SlugsAsync("809", "en"));
        Assert.Equal(["vpn-809-ru"], await SlugsAsync("809", "ru"));
    }

    [Theory]
    [InlineData("qwzxv")]
    [InlineData("ыфвапролдж щшгнек")]
    [InlineData("и в на the of and")]
    [InlineData("   ")]
    public async Task Nonsense_and_stop_words_find_nothing(string query) =>
        Assert.Empty(await SlugsAsync(query));

    public static TheoryData<string> Syntax => new()
    {
        "\"", "\"certificate", "*", "cert*", ":", "title:certificate", "AND", "certificate AND", "OR NOT", "~", "licence~2", "\\", "C:\\Program Files\\",
        "(", ")", "[1 TO 5]", "{", "^", "+-!", "&&||", "/regex/", "?", new string('x', 10_240),
        string.Join(' ', Enumerable.Repeat("сертификат certificate ошибка", 400)),
    };

    [Theory]
    [MemberData(nameof(Syntax))]
    public async Task Query_syntax_in_user_input_is_just_text(string query)
    {
        var found = await _index.SearchAsync(new ArticleQuery(query, null, null, 10, SearchPurpose.Search), CancellationToken.None);
        var suggested = await _index.SearchAsync(new ArticleQuery(query, null, null, 5, SearchPurpose.Suggestion), CancellationToken.None);

        Assert.True(found.Count <= 10 && suggested.Count <= 5);
    }

    [Theory]
    [InlineData("Не могу подписать докум", "signflow-keyset-ru")]
    [InlineData("сертиф", "cert-register-ru")]
    [InlineData("How do I uninst", "csp-uninstall-en")]
    public async Task A_suggestion_also_matches_the_word_still_being_typed(string typed, string expected)
    {
        Assert.Contains(expected, await SlugsAsync(typed, purpose: SearchPurpose.Suggestion));
        Assert.DoesNotContain(expected, await SlugsAsync(typed.Split(' ')[^1]));
    }

    [Theory]
    [InlineData("сертиф ", null)]
    [InlineData("ab", null)]
    [InlineData("Ёлка", "елка")]
    [InlineData("error 0x8009", "0x8009")]
    public void The_word_being_typed_is_the_last_unfinished_one(string text, string? word) =>
        Assert.Equal(word, LuceneArticleIndex.WordBeingTyped(text));

    [Fact]
    public async Task A_long_query_is_searched_on_its_first_terms()
    {
        var query = "сертификат " + string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i}"));

        Assert.Contains("cert-register-ru", await SlugsAsync(query));
    }

    [Fact]
    public async Task A_snippet_marks_the_matches_and_escapes_everything_else()
    {
        using var index = new LuceneArticleIndex();
        index.Replace([new IndexedArticle("x", "en", "Markup", "Type <script>alert(1)</script> & press Enter to restart the service", [], DateTimeOffset.UnixEpoch)]);

        var hit = Assert.Single(await index.SearchAsync(new ArticleQuery("restarting", null, null, 5, SearchPurpose.Search), CancellationToken.None));

        Assert.Contains("<mark>restart</mark>", hit.Snippet);
        Assert.Contains("&lt;script&gt;", hit.Snippet);
        Assert.DoesNotContain("<script>", hit.Snippet);
        Assert.Equal(hit.Snippet.Replace("<mark>", "").Replace("</mark>", ""), System.Net.WebUtility.HtmlEncode(System.Net.WebUtility.HtmlDecode(hit.Snippet.Replace("<mark>", "").Replace("</mark>", ""))));
    }

    [Fact]
    public async Task A_title_only_match_shows_the_articles_opening_as_snippet()
    {
        var hit = (await _index.SearchAsync(new ArticleQuery("configuring profile", "en", null, 5, SearchPurpose.Search), CancellationToken.None))[0];

        Assert.Equal("vpn-client-en", hit.Slug);
        Assert.StartsWith("Import the <mark>profile</mark>", hit.Snippet);
    }

    [Fact]
    public async Task The_graded_queries_rank_their_answers_first()
    {
        double reciprocalRanks = 0, recall = 0;
        foreach (var (query, language, product, relevant) in RelevanceCorpus.GradedQueries)
        {
            var found = await SlugsAsync(query, language, product);
            var firstRelevant = found.FindIndex(relevant.Contains);
            reciprocalRanks += firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1);
            recall += (double)found.Take(3).Count(relevant.Contains) / Math.Min(3, relevant.Length);
            output.WriteLine($"{query,-32} → {string.Join(", ", found.Take(3))}");
        }
        foreach (var (text, product, relevant) in RelevanceCorpus.GradedSuggestions)
        {
            var found = await SlugsAsync(text, product: product, limit: 5, purpose: SearchPurpose.Suggestion);
            var firstRelevant = found.FindIndex(relevant.Contains);
            reciprocalRanks += firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1);
            recall += (double)found.Take(3).Count(relevant.Contains) / Math.Min(3, relevant.Length);
            output.WriteLine($"{text[..Math.Min(32, text.Length)],-32} → {string.Join(", ", found.Take(3))}");
        }
        var count = RelevanceCorpus.GradedQueries.Length + RelevanceCorpus.GradedSuggestions.Length;
        var mrr = reciprocalRanks / count;
        var recallAt3 = recall / count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KB relevance over {count} graded queries and suggestions: MRR {mrr:0.000}, recall@3 {recallAt3:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KB relevance over {count} graded queries and suggestions: MRR {mrr:0.000}, recall@3 {recallAt3:0.000}"));

        Assert.True(mrr >= 0.9, $"MRR {mrr:0.000}");
        Assert.True(recallAt3 >= 0.9, $"recall@3 {recallAt3:0.000}");
    }

    [Fact]
    public async Task A_rebuild_swaps_in_while_searches_keep_answering()
    {
        var searching = Task.Run(async () =>
        {
            var answered = 0;
            for (var i = 0; i < 200; i++)
            {
                answered += (await SlugsAsync("сертификат")).Count > 0 ? 1 : 0;
            }
            return answered;
        });
        for (var i = 0; i < 20; i++)
        {
            _index.Replace(RelevanceCorpus.Articles);
        }

        Assert.Equal(200, await searching);
    }

    [Fact]
    public async Task Changes_apply_in_place_and_removed_articles_are_gone()
    {
        _index.Apply([RelevanceCorpus.Articles[0] with { Title = "Развёртывание на сервере терминалов" }], ["vpn-809-ru"]);

        Assert.Equal("csp-install-ru", (await SlugsAsync("терминалов"))[0]);
        Assert.Empty(await SlugsAsync("809", "ru"));
        Assert.Null(await _index.FindAsync("vpn-809-ru", CancellationToken.None));
    }

    [Fact]
    public async Task The_list_pages_newest_first_by_language_and_product()
    {
        var first = await _index.ListAsync("en", null, null, 3, CancellationToken.None);
        var second = await _index.ListAsync("en", null, first.NextCursor, 100, CancellationToken.None);

        Assert.Equal(["csp-install-en", "csp-licence-en", "cert-register-en"], first.Items.Select(a => a.Slug));
        Assert.Equal(6, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.All((await _index.ListAsync(null, "cryptoguard-vpn", null, 50, CancellationToken.None)).Items, a => Assert.Contains("cryptoguard-vpn", a.ProductIds));
    }
}
