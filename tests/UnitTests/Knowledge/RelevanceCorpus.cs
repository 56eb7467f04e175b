using SupportFunctions.Functions.Knowledge;

namespace SupportFunctions.UnitTests.Knowledge;

/// <summary>A small fixed knowledge base and queries graded against it: each query lists the articles that answer it, best first.</summary>
public static class RelevanceCorpus
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static IndexedArticle A(int age, string slug, string language, string product, string title, string body) =>
        new(slug, language, title, body, [product], Day.AddDays(-age));

    public static readonly IndexedArticle[] Articles =
    [
        A(1, "csp-install-ru", "ru", "cryptoguard-csp", "Установка КриптоСтраж CSP на Windows",
            "Запустите установщик от имени администратора, выберите компоненты и перезагрузите компьютер. Перед установкой удалите другие криптопровайдеры."),
        A(2, "csp-licence-ru", "ru", "cryptoguard-csp", "Ввод лицензионного ключа КриптоСтраж CSP",
            "Откройте панель управления КриптоСтраж, вкладка «Общие», кнопка «Ввести лицензию». Если срок действия лицензии истёк, программа работает в режиме чтения."),
        A(3, "cert-register-ru", "ru", "trustca", "Как зарегистрировать сертификат поддержки",
            "В личном кабинете откройте раздел «Сертификаты», введите серийный номер и код активации из письма. После регистрации обращения получают приоритет по тарифу."),
        A(4, "vpn-809-ru", "ru", "cryptoguard-vpn", "Ошибка 809 при подключении к VPN-шлюзу",
            "Ошибка 809 означает, что межсетевой экран не пропускает пакеты IKE. Откройте порты UDP 500 и 4500 и проверьте NAT-T."),
        A(5, "signflow-keyset-ru", "ru", "signflow", "Не удаётся подписать документ в ПодписьПоток",
            "Сообщение 0x80090016 «Набор ключей не существует» появляется, когда контейнер закрытого ключа не найден. Установите контейнер заново и перезапустите ПодписьПоток."),
        A(6, "trustca-crl-ru", "ru", "trustca", "Обновление списка отозванных сертификатов",
            "ДоверЦентр публикует список отозванных сертификатов каждые 12 часов. Проверьте, что точка распространения CRL доступна с рабочего места."),
        A(7, "ticket-howto-ru", "ru", "trustca", "Как оформить обращение в техническую поддержку",
            "Опишите проблему, приложите журналы и снимки экрана, укажите версию продукта. Ответ придёт на почту и в личный кабинет."),
        A(8, "trustca-admin-ru", "ru", "trustca", "Учётная запись администратора ДоверЦентра",
            "Учётную запись создаёт мастер первичной настройки. Пароль хранится в защищённом хранилище; сбросить его может только офицер безопасности."),
        A(9, "csp-logs-ru", "ru", "cryptoguard-csp", "Где найти журналы КриптоСтраж CSP",
            "Журналы лежат в каталоге ProgramData. Для обращения в поддержку соберите их утилитой сбора диагностики; учетные данные в журналы не попадают."),
        A(1, "csp-install-en", "en", "cryptoguard-csp", "Installing CryptoGuard CSP on Windows",
            "Run the installer as an administrator, choose the components and restart the computer. Remove other cryptographic providers before the installation."),
        A(2, "csp-licence-en", "en", "cryptoguard-csp", "Entering the CryptoGuard CSP licence key",
            "Open the CryptoGuard control panel, General tab, Enter licence. When the licence has expired the program only reads and verifies signatures."),
        A(3, "cert-register-en", "en", "trustca", "How to register a support certificate",
            "In your account open Certificates and enter the serial number and the activation code from the mail. Registered tickets get the priority of your plan."),
        A(4, "vpn-809-en", "en", "cryptoguard-vpn", "Error 809 when connecting to the VPN Gateway",
            "Error 809 means a firewall drops IKE packets. Open UDP ports 500 and 4500 and check NAT traversal."),
        A(5, "signflow-keyset-en", "en", "signflow", "Cannot sign a document in SignFlow",
            "The message 0x80090016 Keyset does not exist appears when the private key container is missing. Install the container again and restart SignFlow."),
        A(6, "trustca-crl-en", "en", "trustca", "Updating certificate revocation lists",
            "TrustCA publishes its revocation list every 12 hours. Check that the CRL distribution point is reachable from the workstation."),
        A(7, "certs-expire-en", "en", "trustca", "What happens when certificates expire",
            "An expired signing certificate no longer signs, but documents signed while it was valid stay valid. Renew it a month ahead."),
        A(8, "csp-uninstall-en", "en", "cryptoguard-csp", "Uninstalling CryptoGuard CSP",
            "Use Apps and Features, then restart. Keep the key containers if you plan to install again."),
        A(9, "vpn-client-en", "en", "cryptoguard-vpn", "Configuring the VPN client profile",
            "Import the profile file, choose the certificate for authentication and connect. If you uninstall the client, the profile is kept."),
    ];

    /// <summary>Query, language and product filters, and the articles that answer it (the first is the best answer).</summary>
    public static readonly (string Query, string? Language, string? Product, string[] Relevant)[] GradedQueries =
    [
        ("обращения в поддержку", null, null, ["ticket-howto-ru"]),
        ("сертификатов", "ru", null, ["trustca-crl-ru", "cert-register-ru"]),
        ("зарегистрировать сертификат", null, null, ["cert-register-ru", "cert-register-en"]),
        ("установка криптостраж", "ru", null, ["csp-install-ru"]),
        ("лицензии", "ru", null, ["csp-licence-ru"]),
        ("ошибка 809 vpn", "ru", null, ["vpn-809-ru"]),
        ("учетная запись администратора", null, null, ["trustca-admin-ru"]),
        ("не удается подписать документ", null, null, ["signflow-keyset-ru"]),
        ("набор ключей не существует", null, null, ["signflow-keyset-ru"]),
        ("где журналы", "ru", null, ["csp-logs-ru"]),
        ("0x80090016", null, null, ["signflow-keyset-ru", "signflow-keyset-en"]),
        ("certificates", "en", null, ["certs-expire-en", "cert-register-en", "trustca-crl-en"]),
        ("install cryptoguard", "en", null, ["csp-install-en"]),
        ("licence key", "en", null, ["csp-licence-en"]),
        ("uninstall", "en", null, ["csp-uninstall-en"]),
        ("vpn error 809", "en", null, ["vpn-809-en"]),
        ("revocation list", null, null, ["trustca-crl-en"]),
        ("keyset does not exist", "en", null, ["signflow-keyset-en"]),
        ("expired certificate", "en", null, ["certs-expire-en"]),
        ("ошибка", null, "cryptoguard-vpn", ["vpn-809-ru"]),
    ];

    /// <summary>What customers type into a ticket's subject and description, and the articles a suggestion should offer.</summary>
    public static readonly (string Text, string? Product, string[] Relevant)[] GradedSuggestions =
    [
        ("При подписании документа выходит ошибка 0x80090016, токен вставлен", null, ["signflow-keyset-ru"]),
        ("VPN не подключается, ошибка 809. Работаю из дома через роутер", "cryptoguard-vpn", ["vpn-809-ru"]),
        ("Не могу ввести лицензию КриптоСтраж, срок истёк", "cryptoguard-csp", ["csp-licence-ru"]),
        ("Куда вводить серийный номер и код активации сертификата поддержки?", null, ["cert-register-ru"]),
        ("Где взять журналы для обращения в поддержку", null, ["csp-logs-ru", "ticket-howto-ru"]),
        ("How do I register the support certificate from the partner's mail?", null, ["cert-register-en"]),
        ("Which certificate do I choose when importing the VPN client profile", "cryptoguard-vpn", ["vpn-client-en"]),
        ("The CRL on our workstation is out of date", null, ["trustca-crl-en"]),
        ("Signing fails: keyset does not exist", null, ["signflow-keyset-en"]),
        ("Our signing certificate expired, are old documents still valid", null, ["certs-expire-en"]),
    ];

    public static LuceneArticleIndex Index()
    {
        var index = new LuceneArticleIndex();
        index.Replace(Articles);
        return index;
    }
}
