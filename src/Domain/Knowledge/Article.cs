namespace SupportFunctions.Domain.Knowledge;

/// <summary>The languages articles are written in; every article is in exactly one of them.</summary>
public static class ArticleLanguages
{
    public const string Russian = "ru";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Russian, English];

    public static bool IsKnown(string? language) => language is Russian or English;
}

/// <summary>
/// A knowledge-base article as stored. <see cref="Translations"/> maps the other language to the slug of the
/// same article in it; links are kept on both articles.
/// </summary>
public sealed record Article(
    string Slug,
    string Language,
    string Title,
    string BodyMarkdown,
    IReadOnlyList<string> ProductIds,
    bool Published,
    IReadOnlyDictionary<string, string> Translations,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

public sealed record StoredArticle(Article Article, string ETag);

/// <summary>What an agent sends to create or replace an article (API.md "Knowledge base").</summary>
public sealed record ArticleDraft(
    string? Slug,
    string? Language,
    string? Title,
    string? BodyMarkdown,
    IReadOnlyList<string>? ProductIds,
    bool? Published,
    string? TranslationOf);

public enum FeedbackEvent
{
    Shown,
    Opened,
    Answered,
}

public enum FeedbackSource
{
    Suggestion,
    Search,
}

/// <summary>How often an article was shown, opened and said to answer the question, from suggestions and from search.</summary>
public sealed record FeedbackCounts(string Slug, long ShownBySuggestion, long OpenedBySuggestion, long AnsweredBySuggestion,
    long ShownBySearch, long OpenedBySearch, long AnsweredBySearch)
{
    public long Shown => ShownBySuggestion + ShownBySearch;
    public long Opened => OpenedBySuggestion + OpenedBySearch;
    public long Answered => AnsweredBySuggestion + AnsweredBySearch;
}
