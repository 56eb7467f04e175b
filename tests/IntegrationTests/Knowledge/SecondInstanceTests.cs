using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;
using static SupportFunctions.IntegrationTests.Knowledge.KnowledgeClient;

namespace SupportFunctions.IntegrationTests.Knowledge;

/// <summary>Two instances on one storage account: what an agent saves through one is found through the other within the refresh interval.</summary>
[Collection(StackCollection.Name)]
public sealed class SecondInstanceTests(SharedStack shared)
{
    /// <summary>The default <c>Kb:RefreshInterval</c>, plus the time a refresh itself takes on a busy machine.</summary>
    private static readonly TimeSpan WithinRefresh = TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_article_saved_through_one_instance_is_found_changed_and_gone_through_another()
    {
        var first = shared.Stack;
        var port = first.BaseUri.Port;
        await using var second = await LocalStack.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = first.StorageConnectionString,
            // The blob service's CORS rule is one per account: the second host writes the first one's, not its own.
            ["Tickets__UploadCorsOrigins"] = $"http://127.0.0.1:{port},http://localhost:{port},http://127.0.0.1:5173,http://localhost:5173,http://127.0.0.1:4173",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = first.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var agent = await new People(first).StaffAsync("Support.Agent");
        var word = UniqueWord();

        var (created, etag) = await CreateAsync(agent, Draft($"Replicated {word}", $"Seen everywhere {word}"));
        var slug = created.GetProperty("slug").GetString()!;
        await FoundAsync(second.Client, word, slug, found: true, WithinRefresh);

        var renamed = UniqueWord();
        using (var changed = await PutAsync(agent, slug, Draft($"Replicated {renamed}", $"Seen everywhere {renamed}"), etag))
        {
            await JsonAsync(changed, System.Net.HttpStatusCode.OK);
        }
        await FoundAsync(second.Client, renamed, slug, found: true, WithinRefresh);
        Assert.DoesNotContain(slug, await SearchAsync(second.Client, word));
        var read = await second.Client.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{slug}");
        Assert.Contains(renamed, read.GetProperty("title").GetString());

        using (var deleted = await agent.DeleteAsync($"/api/staff/kb/articles/{slug}"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }
        await FoundAsync(second.Client, renamed, slug, found: false, WithinRefresh);
    }
}
