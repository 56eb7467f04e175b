using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Knowledge;

public static class KnowledgeRegistration
{
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value);
        services.AddSingleton<IArticleRenderer>(provider => new MarkdownArticleRenderer(provider.GetRequiredService<StorageClients>().Blobs.Uri));
        services.AddSingleton<IArticleStore, ArticleTable>();
        services.AddSingleton<IArticleFeedback, ArticleFeedbackTable>();
        services.AddSingleton<LuceneArticleIndex>();
        services.AddSingleton<IArticleSearch>(provider => provider.GetRequiredService<LuceneArticleIndex>());
        services.AddSingleton<ArticleIndexRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<ArticleIndexRefresher>());
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton<ArticleEditing>();
        services.AddSingleton<IDemoSeeder, KnowledgeDemoSeeder>();
        return services;
    }
}
