using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;
using static SupportFunctions.IntegrationTests.Knowledge.KnowledgeClient;

namespace SupportFunctions.IntegrationTests.Knowledge;

/// <summary>The knowledge base over HTTP against the real DevHost and Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class KnowledgeHttpTests(SharedStack shared)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly People _people = new(shared.Stack);
    private HttpClient Anonymous => _stack.Client;

    [Fact]
    public async Task An_article_is_created_and_changed_only_with_its_current_etag_then_deleted()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var word = UniqueWord();
        var (created, etag) = await CreateAsync(agent, Draft($"Resetting the {word} token", $"Hold the button for ten seconds. {word}"));
        var slug = created.GetProperty("slug").GetString()!;
        Assert.StartsWith("resetting-the-", slug);
        Assert.Equal(etag, created.GetProperty("etag").GetString());

        using (var withoutIfMatch = await PutAsync(agent, slug, Draft("Changed", "Changed"), null))
        {
            Assert.Equal("if_match_required", await ProblemCodeAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired));
        }
        string current;
        using (var changed = await PutAsync(agent, slug, Draft($"Resetting the {word} token safely", $"Hold the button for ten seconds. {word}"), etag))
        {
            var body = await JsonAsync(changed, HttpStatusCode.OK);
            current = changed.Headers.ETag!.ToString();
            Assert.NotEqual(etag, current);
            Assert.EndsWith("safely", body.GetProperty("title").GetString());
        }
        using (var stale = await PutAsync(agent, slug, Draft("Lost update", "Lost update"), etag))
        {
            Assert.Equal("stale_version", await ProblemCodeAsync(stale, HttpStatusCode.PreconditionFailed));
        }
        var read = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{slug}");
        Assert.EndsWith("safely", read.GetProperty("title").GetString());
        Assert.Contains(slug, await SearchAsync(Anonymous, word));

        using (var delete = await agent.DeleteAsync($"/api/staff/kb/articles/{slug}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        using (var gone = await Anonymous.GetAsync($"/api/kb/articles/{slug}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.DoesNotContain(slug, await SearchAsync(Anonymous, word));
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict_and_bad_input_changes_nothing()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var slug = $"fixed-{Guid.NewGuid():N}"[..30];
        await CreateAsync(agent, Draft("First", "First body", slug: slug));

        using (var again = await agent.PostAsJsonAsync("/api/staff/kb/articles", Draft("Second", "Second body", slug: slug)))
        {
            Assert.Equal("slug_taken", await ProblemCodeAsync(again, HttpStatusCode.Conflict));
        }
        var word = UniqueWord();
        using (var invalid = await agent.PostAsJsonAsync("/api/staff/kb/articles",
            new { slug = "Not A Slug", language = "de", title = "", bodyMarkdown = word, productIds = new[] { "no-such-product" } }))
        {
            var problem = await JsonAsync(invalid, HttpStatusCode.BadRequest);
            Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
            var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Equal(["language", "productIds", "slug", "title"], fields.Order(StringComparer.Ordinal));
        }
        var all = await agent.GetFromJsonAsync<JsonElement>("/api/staff/kb/articles");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), a => a.GetProperty("title").GetString() == "");
        Assert.Empty(await SearchAsync(Anonymous, word));
    }

    [Fact]
    public async Task The_body_is_sanitised_no_script_no_handlers_no_javascript_links_and_only_https_images()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        const string markdown = """
            # Heading

            <script>alert('x')</script>

            <img src="https://cdn.example/ok.png" onerror="alert(1)" alt="ok"> ![insecure](http://insecure.example/no.png)

            [bad link](javascript:alert(2)) and <a href="javascript:alert(3)" onclick="alert(4)">another</a>

            <div onmouseover="alert(5)">hover</div>

            [good link](https://example.com/docs) and [[bad]](JavaScript:alert(6))
            """;
        var (created, _) = await CreateAsync(agent, Draft("Sanitised", markdown));

        var html = (await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{created.GetProperty("slug").GetString()}")).GetProperty("bodyHtml").GetString()!;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("insecure.example", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.example/ok.png\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/docs\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_and_anonymous_callers_cannot_use_the_staff_routes()
    {
        var customer = await _people.CustomerAsync();
        using var agent = await _people.StaffAsync("Support.Agent");
        var (created, etag) = await CreateAsync(agent, Draft("Staff only", "Body"));
        var slug = created.GetProperty("slug").GetString()!;

        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "/api/staff/kb/articles", null),
            (HttpMethod.Post, "/api/staff/kb/articles", Draft("Customer's", "Body")),
            (HttpMethod.Get, $"/api/staff/kb/articles/{slug}", null),
            (HttpMethod.Put, $"/api/staff/kb/articles/{slug}", Draft("Customer's", "Body")),
            (HttpMethod.Delete, $"/api/staff/kb/articles/{slug}", null),
            (HttpMethod.Post, "/api/staff/kb/preview", new { bodyMarkdown = "x" }),
            (HttpMethod.Get, "/api/staff/kb/stats", null),
        };
        foreach (var (method, path, body) in calls)
        {
            foreach (var client in new[] { customer.Client, Anonymous })
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
                if (client == Anonymous)
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                }
            }
        }
        using var stillThere = await agent.GetAsync($"/api/staff/kb/articles/{slug}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(etag, stillThere.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task An_unpublished_article_is_invisible_to_customers_until_it_is_published()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var word = UniqueWord();
        var (created, etag) = await CreateAsync(agent, Draft($"Draft about {word}", $"Not ready {word}", published: false));
        var slug = created.GetProperty("slug").GetString()!;

        using (var hidden = await Anonymous.GetAsync($"/api/kb/articles/{slug}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        Assert.Empty(await SearchAsync(Anonymous, word));
        var suggestions = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/suggest?q={word}");
        Assert.Empty(suggestions.GetProperty("items").EnumerateArray());
        var list = await Anonymous.GetFromJsonAsync<JsonElement>("/api/kb/articles?lang=en&limit=200");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("slug").GetString() == slug);
        var asAgent = await agent.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{slug}");
        Assert.False(asAgent.GetProperty("published").GetBoolean());

        using (var publish = await PutAsync(agent, slug, Draft($"Draft about {word}", $"Ready {word}", published: true), etag))
        {
            await JsonAsync(publish, HttpStatusCode.OK);
        }
        Assert.Equal([slug], await SearchAsync(Anonymous, word));
        using (var visible = await Anonymous.GetAsync($"/api/kb/articles/{slug}"))
        {
            Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
        }
        using var expired = new HttpRequestMessage(HttpMethod.Get, $"/api/kb/articles/{slug}");
        expired.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sfc1.not.a.valid.token");
        using (var withStaleToken = await Anonymous.SendAsync(expired))
        {
            Assert.Equal(HttpStatusCode.OK, withStaleToken.StatusCode);
        }
    }

    [Fact]
    public async Task Feedback_moves_the_articles_counts_in_the_staff_stats()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var (created, _) = await CreateAsync(agent, Draft("Counted", "Counted body"));
        var slug = created.GetProperty("slug").GetString()!;

        foreach (var (feedbackEvent, source) in new[] { ("shown", "suggestion"), ("shown", "suggestion"), ("opened", "suggestion"), ("answered", "suggestion"), ("opened", "search") })
        {
            using var sent = await Anonymous.PostAsJsonAsync($"/api/kb/articles/{slug}/feedback", new { @event = feedbackEvent, source });
            Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        }
        using (var unknownEvent = await Anonymous.PostAsJsonAsync($"/api/kb/articles/{slug}/feedback", new { @event = "liked", source = "search" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownEvent.StatusCode);
        }
        using (var missingSource = await Anonymous.PostAsJsonAsync($"/api/kb/articles/{slug}/feedback", new { @event = "shown" }))
        {
            Assert.Equal("validation_failed", await ProblemCodeAsync(missingSource, HttpStatusCode.BadRequest));
        }
        using (var unknownArticle = await Anonymous.PostAsJsonAsync("/api/kb/articles/no-such-article/feedback", new { @event = "shown", source = "search" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownArticle.StatusCode);
        }

        var stats = await StatsOfAsync(agent, slug);
        Assert.Equal("Counted", stats.GetProperty("title").GetString());
        Assert.Equal((2, 2, 1), (stats.GetProperty("shown").GetInt64(), stats.GetProperty("opened").GetInt64(), stats.GetProperty("answered").GetInt64()));
        Assert.Equal(1, stats.GetProperty("suggestion").GetProperty("answered").GetInt64());
        Assert.Equal(1, stats.GetProperty("search").GetProperty("opened").GetInt64());
    }

    [Fact]
    public async Task Translations_are_linked_both_ways_and_unlinked_when_one_is_deleted()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var (ru, _) = await CreateAsync(agent, Draft("Сброс пароля токена", "Нажмите кнопку.", language: "ru"));
        var ruSlug = ru.GetProperty("slug").GetString()!;
        Assert.StartsWith("sbros-parolya-tokena", ruSlug);
        var (en, _) = await CreateAsync(agent, Draft("Resetting the token password", "Press the button.", translationOf: ruSlug));
        var enSlug = en.GetProperty("slug").GetString()!;

        var ruRead = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{ruSlug}");
        Assert.Equal(enSlug, ruRead.GetProperty("translations").GetProperty("en").GetString());
        var enRead = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{enSlug}");
        Assert.Equal(ruSlug, enRead.GetProperty("translations").GetProperty("ru").GetString());

        using (var sameLanguage = await agent.PostAsJsonAsync("/api/staff/kb/articles", Draft("Another", "Body", translationOf: enSlug)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sameLanguage.StatusCode);
        }
        using (var delete = await agent.DeleteAsync($"/api/staff/kb/articles/{enSlug}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        var alone = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{ruSlug}");
        Assert.Empty(alone.GetProperty("translations").EnumerateObject());
    }

    [Fact]
    public async Task Search_and_suggestions_filter_by_product_and_language_and_take_any_input()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        await new Certificates.StaffClient(_stack).EnsureCatalogueAsync();
        var word = UniqueWord();
        var (vpn, _) = await CreateAsync(agent, Draft($"Gateway {word}", $"Body {word}", productIds: ["cryptoguard-vpn"]));
        var (csp, _) = await CreateAsync(agent, Draft($"Provider {word}", $"Body {word}", language: "ru", productIds: ["cryptoguard-csp"]));
        var vpnSlug = vpn.GetProperty("slug").GetString()!;
        var cspSlug = csp.GetProperty("slug").GetString()!;

        Assert.Equal([vpnSlug], await SearchAsync(Anonymous, word, "&productId=cryptoguard-vpn"));
        Assert.Equal([cspSlug], await SearchAsync(Anonymous, word, "&lang=ru"));
        var suggested = await Anonymous.GetFromJsonAsync<JsonElement>($"/api/kb/suggest?q={word}&productId=cryptoguard-csp");
        var hit = Assert.Single(suggested.GetProperty("items").EnumerateArray());
        Assert.Equal(cspSlug, hit.GetProperty("slug").GetString());
        Assert.Contains($"<mark>{word}</mark>", hit.GetProperty("snippet").GetString());
        var byProduct = await Anonymous.GetFromJsonAsync<JsonElement>("/api/kb/articles?productId=cryptoguard-vpn&limit=200");
        Assert.Contains(byProduct.GetProperty("items").EnumerateArray(), a => a.GetProperty("slug").GetString() == vpnSlug);
        Assert.DoesNotContain(byProduct.GetProperty("items").EnumerateArray(), a => a.GetProperty("slug").GetString() == cspSlug);

        foreach (var query in new[] { "\"", "*", ":", "AND", "~", "\\", "title:(x OR", new string('я', 1000) })
        {
            using var response = await Anonymous.GetAsync($"/api/kb/search?q={Uri.EscapeDataString(query)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var badLanguage = await Anonymous.GetAsync("/api/kb/search?q=x&lang=de");
        Assert.Equal("validation_failed", await ProblemCodeAsync(badLanguage, HttpStatusCode.BadRequest));
    }
}
