using System.Diagnostics;
using SupportFunctions.Domain.Knowledge;
using SupportFunctions.Functions.Knowledge;

namespace SupportFunctions.Benchmarks;

/// <summary>
/// The knowledge base in process (DESIGN.md budget: suggest p95 ≤ 20 ms at 10,000 articles): generated articles in both
/// languages go through the real renderer into the real index, then ticket-like texts are suggested against it one at a time.
/// </summary>
public static class KbBenchmark
{
    private const int Articles = 10_000;
    private const int WarmUpQueries = 300;
    private const int MeasuredQueries = 3_000;
    private static readonly string[] Products = ["cryptoguard-csp", "cryptoguard-vpn", "signflow", "trustca"];

    private static readonly string[] Russian =
    [
        "установка", "установить", "сертификат", "сертификатов", "сертификата", "лицензия", "лицензии", "ключ", "ключа", "ключей", "контейнер",
        "ошибка", "ошибки", "подпись", "подписи", "подписать", "документ", "документа", "шлюз", "шлюза", "подключение", "подключения",
        "токен", "носитель", "пароль", "обновление", "обновления", "служба", "службы", "журнал", "журналы", "срок", "действия", "истёк",
        "обращение", "обращения", "поддержка", "поддержки", "сервер", "сервера", "клиент", "клиента", "профиль", "настройка", "настройки",
        "проверка", "проверить", "отзыв", "список", "отозванных", "удостоверяющий", "центр", "шаблон", "запрос", "выпуск", "копия",
        "резервная", "восстановление", "порт", "порты", "межсетевой", "экран", "пакеты", "версия", "версии", "компьютер", "перезагрузка",
        "администратор", "пользователь", "учётная", "запись", "доверенный", "корневой", "цепочка", "метка", "времени", "формат",
    ];

    private static readonly string[] English =
    [
        "install", "installing", "installation", "certificate", "certificates", "licence", "licences", "key", "keys", "container",
        "error", "errors", "signature", "signing", "sign", "document", "documents", "gateway", "connection", "connecting", "token",
        "password", "update", "updating", "service", "services", "log", "logs", "expired", "expiry", "ticket", "tickets", "support",
        "server", "client", "profile", "settings", "configure", "verify", "verification", "revocation", "list", "authority", "template",
        "request", "issue", "backup", "restore", "port", "ports", "firewall", "packets", "version", "computer", "restart", "administrator",
        "user", "account", "trusted", "root", "chain", "timestamp", "format", "provider", "cluster", "firmware", "renew", "import",
    ];

    public static void Run()
    {
        Report.Header($"Knowledge base in process: {Articles:N0} generated articles (ru + en), Lucene.Net in memory");
        var random = new Random(20260302);
        var renderer = new MarkdownArticleRenderer();
        var markdown = Enumerable.Range(0, Articles).Select(i => Generate(random, i)).ToList();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var index = new LuceneArticleIndex();
        index.Replace(markdown.Select(a => new IndexedArticle(a.Slug, a.Language, a.Title, renderer.ToPlainText(a.Body), a.Products, a.UpdatedAt)));
        build.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Report.Figure("index build (Markdown to text + index)", build.Elapsed.TotalMilliseconds, "ms");
        Report.Figure("managed memory held by the index", (after - before) / 1048576.0, "MiB");

        var queries = Enumerable.Range(0, WarmUpQueries + MeasuredQueries).Select(_ => TicketText(random)).ToList();
        var timings = new List<double>(MeasuredQueries);
        var answered = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var (text, product) = queries[i];
            var started = Stopwatch.GetTimestamp();
            var hits = index.SearchAsync(new ArticleQuery(text, null, product, KnowledgeBase.SuggestionLimit, SearchPurpose.Suggestion), CancellationToken.None)
                .GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= WarmUpQueries)
            {
                timings.Add(elapsed);
                answered += hits.Count > 0 ? 1 : 0;
            }
        }
        timings.Sort();
        Report.Figure("suggest p50 (5 hits with snippets)", Percentile(timings, 0.50), "ms");
        Report.Figure("suggest p95", Percentile(timings, 0.95), "ms", budget: 20);
        Report.Figure("suggest p99", Percentile(timings, 0.99), "ms");
        Report.Figure("suggestions that found something", 100.0 * answered / MeasuredQueries, "%", lowerIsBetter: false);
        index.Dispose();
    }

    private sealed record GeneratedArticle(string Slug, string Language, string Title, string Body, string[] Products, DateTimeOffset UpdatedAt);

    private static GeneratedArticle Generate(Random random, int number)
    {
        var russian = number % 2 == 0;
        var words = russian ? Russian : English;
        var paragraphs = Enumerable.Range(0, 4).Select(_ => Sentence(random, words, 30 + random.Next(20)));
        var body = $"{Sentence(random, words, 12)}\n\n1. {Sentence(random, words, 8)}\n2. {Sentence(random, words, 8)}\n\n"
            + string.Join("\n\n", paragraphs) + $"\n\n`0x8009{random.Next(10000):D4}`";
        return new GeneratedArticle($"article-{number:D5}", russian ? "ru" : "en", Sentence(random, words, 4 + random.Next(4)), body,
            [Products[random.Next(Products.Length)]], DateTimeOffset.UnixEpoch.AddMinutes(number));
    }

    /// <summary>What a customer has typed so far: a subject and the start of a description, half of them with a chosen product.</summary>
    private static (string Text, string? Product) TicketText(Random random)
    {
        var words = random.Next(2) == 0 ? Russian : English;
        return ($"{Sentence(random, words, 5)} {Sentence(random, words, 10 + random.Next(30))}", random.Next(2) == 0 ? Products[random.Next(Products.Length)] : null);
    }

    /// <summary>Words drawn with a skew, so some are common and some rare, as in real text.</summary>
    private static string Sentence(Random random, string[] words, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => words[(int)(words.Length * Math.Pow(random.NextDouble(), 2))]));

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
