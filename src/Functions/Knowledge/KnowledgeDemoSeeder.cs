using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>Writes the demo articles (published, linked as translations); running it again brings them back to the demo text.</summary>
public sealed class KnowledgeDemoSeeder(IArticleStore store, IClock clock) : IDemoSeeder
{
    private const string Author = "Демо-редактор";

    public int Order => 50;
    public string Name => "knowledge base";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        for (var i = 0; i < KnowledgeDemoArticles.Pairs.Length; i++)
        {
            var pair = KnowledgeDemoArticles.Pairs[i];
            var updated = now.AddDays(-i).AddHours(-3);
            var ru = new Article(pair.SlugRu, ArticleLanguages.Russian, pair.TitleRu, pair.BodyRu, pair.Products, true,
                new Dictionary<string, string> { [ArticleLanguages.English] = pair.SlugEn }, updated.AddDays(-30), updated, Author);
            var en = new Article(pair.SlugEn, ArticleLanguages.English, pair.TitleEn, pair.BodyEn, pair.Products, true,
                new Dictionary<string, string> { [ArticleLanguages.Russian] = pair.SlugRu }, updated.AddDays(-30), updated, Author);
            var writes = new List<ArticleWrite>();
            foreach (var article in new[] { ru, en })
            {
                var existing = await store.FindAsync(article.Slug, cancellationToken);
                writes.Add(new ArticleWrite(existing is null ? article : article with { CreatedAt = existing.Article.CreatedAt }, existing?.ETag));
            }
            await store.CommitAsync(writes, cancellationToken);
        }
    }
}
