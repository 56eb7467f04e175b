using System.Text;
using System.Text.RegularExpressions;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Knowledge;

/// <summary>What an article must be: a stable lower-case slug, a known language, a title, a body that fits one table property.</summary>
public static partial class ArticleRules
{
    public const int MaxSlugLength = 80;
    public const int MaxTitleLength = 200;

    /// <summary>A table string property holds 32K UTF-16 characters; the body stays inside one.</summary>
    public const int MaxBodyLength = 30_000;

    public const int MaxProducts = 10;

    public static bool IsSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    /// <summary>Checks a draft and returns its fields cleaned; throws one validation error listing every problem.</summary>
    public static CheckedDraft Check(ArticleDraft draft, IReadOnlySet<string> knownProducts)
    {
        var validator = new Validator();
        validator.Check(draft.Slug is null || IsSlug(draft.Slug), "slug", "Lower-case Latin letters, digits and single hyphens, at most 80 characters.");
        validator.Check(ArticleLanguages.IsKnown(draft.Language), "language", "ru or en.");
        validator.Required("title", draft.Title).MaxLength("title", draft.Title?.Trim(), MaxTitleLength);
        validator.Required("bodyMarkdown", draft.BodyMarkdown).MaxLength("bodyMarkdown", draft.BodyMarkdown, MaxBodyLength);
        var products = (draft.ProductIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        validator.Check(products.Count <= MaxProducts, "productIds", $"At most {MaxProducts} products.");
        foreach (var unknown in products.Where(p => !knownProducts.Contains(p)))
        {
            validator.Add("productIds", $"Unknown product {unknown}.");
        }
        validator.Check(draft.TranslationOf is null or "" || IsSlug(draft.TranslationOf), "translationOf", "The slug of the article in the other language.");
        validator.ThrowIfInvalid();
        return new CheckedDraft(draft.Slug, draft.Language!, draft.Title!.Trim(), draft.BodyMarkdown!.Replace("\r\n", "\n", StringComparison.Ordinal),
            products.Order(StringComparer.Ordinal).ToList(), draft.Published ?? false, draft.TranslationOf);
    }

    /// <summary>A slug made from a title: Cyrillic transliterated, anything else but letters and digits turned into single hyphens.</summary>
    public static string SlugFrom(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            var latin = c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c.ToString() : Transliteration.GetValueOrDefault(c, "-");
            foreach (var l in latin)
            {
                if (l != '-' || (slug.Length > 0 && slug[^1] != '-'))
                {
                    slug.Append(l);
                }
            }
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > MaxSlugLength - 4)
        {
            text = text[..(MaxSlugLength - 4)].TrimEnd('-');
        }
        return text.Length == 0 ? "article" : text;
    }

    private static readonly Dictionary<char, string> Transliteration = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

public sealed record CheckedDraft(string? Slug, string Language, string Title, string BodyMarkdown, IReadOnlyList<string> ProductIds, bool Published, string? TranslationOf);
