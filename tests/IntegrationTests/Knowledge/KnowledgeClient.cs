using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Knowledge;

/// <summary>What the knowledge-base tests do through the public API: agents write articles, anyone searches and reads.</summary>
public static class KnowledgeClient
{
    /// <summary>A word no other article holds, so a test's search finds only what the test wrote.</summary>
    public static string UniqueWord() => "kbw" + Guid.NewGuid().ToString("N")[..10].Replace('e', 'k').Replace('d', 'm');

    public static object Draft(string title, string body, bool published = true, string language = "en", string[]? productIds = null, string? slug = null,
        string? translationOf = null) =>
        new { slug, language, title, bodyMarkdown = body, productIds = productIds ?? [], published, translationOf };

    public static async Task<(JsonElement Article, string ETag)> CreateAsync(HttpClient agent, object draft)
    {
        using var response = await agent.PostAsJsonAsync("/api/staff/kb/articles", draft);
        var body = await JsonAsync(response, HttpStatusCode.Created);
        return (body, response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient agent, string slug, object draft, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/staff/kb/articles/{slug}") { Content = JsonContent.Create(draft) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await agent.SendAsync(request);
    }

    public static async Task<IReadOnlyList<string>> SearchAsync(HttpClient client, string query, string? extra = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/kb/search?q={Uri.EscapeDataString(query)}{extra}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();
    }

    public static async Task<JsonElement> StatsOfAsync(HttpClient agent, string slug)
    {
        var stats = await agent.GetFromJsonAsync<JsonElement>("/api/staff/kb/stats");
        return stats.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("slug").GetString() == slug);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> ProblemCodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response, expected)).GetProperty("code").GetString()!;
    }

    /// <summary>Waits until the search on <paramref name="client"/> finds (or no longer finds) the article.</summary>
    public static async Task FoundAsync(HttpClient client, string word, string slug, bool found, TimeSpan timeout) =>
        await Eventually.TrueAsync(async () => (await SearchAsync(client, word)).Contains(slug) == found, timeout,
            () => $"search for {word} {(found ? "did not find" : "still finds")} {slug}");
}
