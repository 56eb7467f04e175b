using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace SupportFunctions.Functions.Knowledge;

/// <summary>
/// One analyser for both languages: ё read as е, lower case, Russian and English stop words, then the Russian Snowball
/// stemmer (it touches only Cyrillic words) and Porter's (only Latin ones). So a Russian article that names an English
/// term, or a query that mixes both, still matches its word forms.
/// </summary>
public sealed class ArticleAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly NormalizeCharMap YoAsYe = BuildYoMap();
    private static readonly CharArraySet StopWords = BuildStopWords();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new SnowballFilter(stream, new Lucene.Net.Tartarus.Snowball.Ext.RussianStemmer());
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(YoAsYe, reader);

    private static NormalizeCharMap BuildYoMap()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("ё", "е");
        builder.Add("Ё", "Е");
        return builder.Build();
    }

    private static CharArraySet BuildStopWords()
    {
        var words = new CharArraySet(Version, 512, ignoreCase: true);
        words.UnionWith(RussianAnalyzer.DefaultStopSet);
        words.UnionWith(EnglishAnalyzer.DefaultStopSet);
        return words.AsReadOnly();
    }
}
