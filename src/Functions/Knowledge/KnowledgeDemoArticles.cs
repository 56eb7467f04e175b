namespace SupportFunctions.Functions.Knowledge;

/// <summary>One demo topic written in both languages; the two articles are linked as translations.</summary>
public sealed record DemoArticlePair(string[] Products, string SlugRu, string TitleRu, string BodyRu, string SlugEn, string TitleEn, string BodyEn);

/// <summary>The demo knowledge base: installation, licences, certificate registration and typical error codes of the demo products.</summary>
public static class KnowledgeDemoArticles
{
    private const string Csp = "cryptoguard-csp";
    private const string Vpn = "cryptoguard-vpn";
    private const string SignFlow = "signflow";
    private const string TrustCa = "trustca";

    public static readonly DemoArticlePair[] Pairs =
    [
        new([Csp], "ustanovka-kriptostrazh-csp-windows", "Установка КриптоСтраж CSP на Windows", """
            КриптоСтраж CSP устанавливается на Windows 10, Windows 11 и Windows Server 2016–2025.

            1. Закройте программы, которые работают с подписью (браузеры, ПодписьПоток, почтовый клиент).
            2. Удалите другие криптопровайдеры ГОСТ, если они установлены: два провайдера мешают друг другу.
            3. Запустите `CryptoGuardCSP-x64.msi` **от имени администратора** и выберите компоненты.
            4. Перезагрузите компьютер — без перезагрузки служба провайдера не запустится.

            После установки откройте «Панель управления КриптоСтраж» и проверьте на вкладке «Общие», что версия и лицензия показаны.
            Если установщик завершился с ошибкой 1603, смотрите журнал `%TEMP%\CryptoGuardSetup.log` и приложите его к обращению.
            """,
            "installing-cryptoguard-csp-windows", "Installing CryptoGuard CSP on Windows", """
            CryptoGuard CSP installs on Windows 10, Windows 11 and Windows Server 2016–2025.

            1. Close programs that sign (browsers, SignFlow, the mail client).
            2. Uninstall other GOST cryptographic providers: two providers interfere with each other.
            3. Run `CryptoGuardCSP-x64.msi` **as an administrator** and choose the components.
            4. Restart the computer — the provider service does not start until you do.

            After the installation open the CryptoGuard control panel and check on the General tab that the version and the licence are shown.
            If setup ends with error 1603, read `%TEMP%\CryptoGuardSetup.log` and attach it to your ticket.
            """),
        new([Csp], "ustanovka-kriptostrazh-csp-linux", "Установка КриптоСтраж CSP на Linux", """
            Для Astra Linux, РЕД ОС, ALT и Ubuntu есть пакеты deb и rpm.

            ```
            sudo ./install.sh            # ставит базовые пакеты
            sudo cgcsp-license --set XXXXX-XXXXX-XXXXX-XXXXX-XXXXX
            cgcsp-info --version
            ```

            Для работы с токенами поставьте пакет `cgcsp-pcsc` и службу `pcscd`. Если команда `cgcsp-info` пишет
            «provider not loaded», проверьте, что установлены пакеты одной версии: смешивать версии нельзя.
            """,
            "installing-cryptoguard-csp-linux", "Installing CryptoGuard CSP on Linux", """
            There are deb and rpm packages for Astra Linux, RED OS, ALT and Ubuntu.

            ```
            sudo ./install.sh            # installs the base packages
            sudo cgcsp-license --set XXXXX-XXXXX-XXXXX-XXXXX-XXXXX
            cgcsp-info --version
            ```

            For tokens install the `cgcsp-pcsc` package and the `pcscd` service. If `cgcsp-info` says "provider not loaded",
            check that all packages have the same version: mixing versions does not work.
            """),
        new([Csp], "litsenziya-kriptostrazh-csp", "Ввод и продление лицензии КриптоСтраж CSP", """
            Лицензионный ключ — 25 символов, он указан в лицензионном соглашении или в письме от партнёра.

            - **Windows:** «Панель управления КриптоСтраж» → «Общие» → «Ввести лицензию».
            - **Linux:** `sudo cgcsp-license --set <ключ>`.

            Без ключа провайдер работает 90 дней. Когда срок лицензии истёк, подпись и шифрование недоступны, а проверка
            подписи продолжает работать. Продлённая лицензия — это новый ключ: введите его поверх старого, переустанавливать
            программу не нужно. Серверную лицензию нельзя ввести на рабочей станции — программа ответит «лицензия не подходит для этой ОС».
            """,
            "cryptoguard-csp-licence", "Entering and renewing the CryptoGuard CSP licence", """
            The licence key has 25 characters; it is in your licence agreement or in the partner's mail.

            - **Windows:** CryptoGuard control panel → General → Enter licence.
            - **Linux:** `sudo cgcsp-license --set <key>`.

            Without a key the provider runs for 90 days. Once the licence has expired, signing and encryption stop while
            verifying signatures keeps working. A renewed licence is a new key: enter it over the old one, there is no need to
            reinstall. A server licence cannot be entered on a workstation — the program says "licence does not match this OS".
            """),
        new([Csp, SignFlow], "oshibka-0x80090016-nabor-klyuchey", "Ошибка 0x80090016 «Набор ключей не существует»", """
            Код **0x80090016** (NTE_BAD_KEYSET) означает, что программа не нашла контейнер закрытого ключа, указанный в сертификате.

            Частые причины:
            - токен или флешка с ключом не вставлены;
            - сертификат установлен без привязки к контейнеру;
            - ключ лежит в профиле другого пользователя Windows.

            Что сделать: вставьте носитель, откройте «Панель управления КриптоСтраж» → «Сервис» → «Установить личный сертификат»
            и выберите контейнер заново. Затем перезапустите программу, в которой подписываете.
            """,
            "error-0x80090016-keyset-does-not-exist", "Error 0x80090016 \"Keyset does not exist\"", """
            Code **0x80090016** (NTE_BAD_KEYSET) means the program did not find the private key container the certificate points to.

            Common causes:
            - the token or USB drive holding the key is not plugged in;
            - the certificate was installed without a link to its container;
            - the key sits in another Windows user's profile.

            What to do: plug in the medium, open the CryptoGuard control panel → Tools → Install personal certificate and choose
            the container again. Then restart the program you sign in.
            """),
        new([Csp], "perenos-klyuchey-na-drugoy-kompyuter", "Перенос контейнера закрытого ключа на другой компьютер", """
            Ключ можно скопировать, если при создании его разрешили экспортировать.

            1. На старом компьютере: «Панель управления КриптоСтраж» → «Сервис» → «Скопировать контейнер».
            2. Выберите носитель назначения (токен или папку) и задайте новый пароль.
            3. На новом компьютере установите личный сертификат из скопированного контейнера.

            Если копирование запрещено, программа ответит «ключ не может быть экспортирован» — тогда нужен новый сертификат
            в удостоверяющем центре. Не копируйте папки реестра вручную: такой ключ часто становится нечитаемым.
            """,
            "copying-a-private-key-container", "Copying a private key container to another computer", """
            A key can be copied if it was made exportable when it was created.

            1. On the old computer: CryptoGuard control panel → Tools → Copy container.
            2. Choose the destination (a token or a folder) and set a new password.
            3. On the new computer install the personal certificate from the copied container.

            If copying is not allowed, the program says "key cannot be exported" — then you need a new certificate from your
            certification authority. Do not copy registry folders by hand: such keys often become unreadable.
            """),
        new([Vpn], "oshibka-809-vpn-shlyuz", "Ошибка 809 при подключении к VPN-шлюзу", """
            Ошибка **809** значит, что клиент не получил ответ шлюза по IKE: пакеты теряются по дороге.

            Проверьте:
            - на межсетевом экране открыты порты **UDP 500 и 4500**;
            - если клиент за NAT, в профиле включён NAT-T;
            - домашний роутер не блокирует IPsec passthrough.

            Чтобы понять, где теряются пакеты, запустите на шлюзе `vpngw diag ike --peer <адрес клиента>` и приложите вывод к обращению.
            """,
            "error-809-vpn-gateway", "Error 809 when connecting to the VPN Gateway", """
            Error **809** means the client got no IKE answer from the gateway: packets are lost on the way.

            Check that:
            - the firewall lets **UDP ports 500 and 4500** through;
            - NAT-T is switched on in the profile when the client is behind NAT;
            - the home router does not block IPsec passthrough.

            To find where packets get lost run `vpngw diag ike --peer <client address>` on the gateway and attach the output to your ticket.
            """),
        new([Vpn], "oshibka-13801-sertifikat-vpn", "Ошибка 13801: сертификат для VPN не подходит", """
            Ошибка **13801** возникает, когда шлюз отклоняет сертификат клиента при аутентификации IKEv2.

            Причины: истёк срок действия сертификата, в нём нет назначения «Проверка подлинности клиента», или шлюз не доверяет
            удостоверяющему центру, который его выпустил. Проверьте срок и назначение в свойствах сертификата, добавьте корневой
            сертификат ДоверЦентра в доверенные на шлюзе и обновите список отозванных сертификатов.
            """,
            "error-13801-vpn-certificate", "Error 13801: the VPN certificate is not accepted", """
            Error **13801** appears when the gateway rejects the client certificate during IKEv2 authentication.

            Causes: the certificate has expired, it lacks the "Client authentication" purpose, or the gateway does not trust the
            certification authority that issued it. Check the validity and purpose in the certificate's properties, add the TrustCA
            root certificate to the gateway's trusted list and update the certificate revocation list.
            """),
        new([Vpn], "nastroyka-klienta-vpn", "Настройка клиента VPN-шлюза", """
            Администратор выдаёт файл профиля `.cgvpn`. Чтобы подключиться:

            1. Установите «КриптоСтраж VPN-клиент» — он требует установленный КриптоСтраж CSP.
            2. Импортируйте профиль: «Файл» → «Импорт профиля».
            3. Выберите сертификат для аутентификации и нажмите «Подключить».

            Профиль можно раздать групповой политикой. При удалении клиента профили сохраняются в `%ProgramData%\CryptoGuard\VPN`.
            """,
            "setting-up-the-vpn-client", "Setting up the VPN Gateway client", """
            Your administrator hands out a `.cgvpn` profile file. To connect:

            1. Install the CryptoGuard VPN client — it needs CryptoGuard CSP installed.
            2. Import the profile: File → Import profile.
            3. Choose the certificate for authentication and click Connect.

            Profiles can be deployed by group policy. When the client is uninstalled the profiles stay in `%ProgramData%\CryptoGuard\VPN`.
            """),
        new([Vpn], "litsenziya-vpn-podklyucheniya", "Лицензия VPN-шлюза на число подключений", """
            Лицензия шлюза ограничивает число **одновременных** подключений, а не число пользователей.

            Когда лимит достигнут, новый клиент получает отказ с кодом 720, а в журнале шлюза появляется «license limit reached».
            Текущее число сессий показывает `vpngw status sessions`. Чтобы расширить лицензию, запросите новый файл лицензии
            и загрузите его: `vpngw license import <файл>` — перезапуск шлюза не нужен.
            """,
            "vpn-gateway-connection-licence", "VPN Gateway licence for concurrent connections", """
            The gateway licence limits **concurrent** connections, not the number of users.

            When the limit is reached a new client is refused with code 720 and the gateway log says "license limit reached".
            `vpngw status sessions` shows the current sessions. To extend the licence request a new licence file and load it
            with `vpngw license import <file>` — no restart is needed.
            """),
        new([Vpn], "obnovlenie-proshivki-vpn-shlyuza", "Обновление прошивки VPN-шлюза", """
            Перед обновлением сохраните конфигурацию: `vpngw config export /backup/gw.cfg`.

            Обновление ставится командой `vpngw update apply <образ>`; шлюз перезагрузится, активные туннели разорвутся на 2–3 минуты.
            В кластере обновляйте узлы по одному. Если после обновления шлюз не загружается, выберите в меню загрузчика
            предыдущий образ — он хранится до следующего обновления.
            """,
            "updating-vpn-gateway-firmware", "Updating the VPN Gateway firmware", """
            Save the configuration before updating: `vpngw config export /backup/gw.cfg`.

            Apply the update with `vpngw update apply <image>`; the gateway restarts and active tunnels drop for 2–3 minutes.
            In a cluster update one node at a time. If the gateway does not boot after the update, choose the previous image in
            the boot menu — it is kept until the next update.
            """),
        new([SignFlow], "kak-podpisat-dokument-podpispotok", "Как подписать документ в ПодписьПоток", """
            1. Откройте документ (PDF, DOCX или XML) и нажмите «Подписать».
            2. Выберите сертификат — показаны только действующие сертификаты с закрытым ключом.
            3. Выберите формат: присоединённая подпись, отсоединённая (`.sig`) или усиленная CAdES-T с меткой времени.

            Пакетная подпись: перетащите папку в окно программы. Если кнопка «Подписать» неактивна, у сертификата нет ключа
            на этом компьютере — смотрите статью об ошибке 0x80090016.
            """,
            "how-to-sign-a-document-in-signflow", "How to sign a document in SignFlow", """
            1. Open the document (PDF, DOCX or XML) and click Sign.
            2. Choose the certificate — only valid certificates with a private key are listed.
            3. Choose the format: attached signature, detached (`.sig`) or enhanced CAdES-T with a timestamp.

            Batch signing: drag a folder into the window. If the Sign button is disabled, the certificate has no key on this
            computer — see the article about error 0x80090016.
            """),
        new([SignFlow], "sertifikat-ne-yavlyaetsya-doverennym", "«Сертификат не является доверенным» в ПодписьПоток", """
            Сообщение значит, что цепочка сертификата не доходит до доверенного корневого сертификата.

            Установите корневой и промежуточные сертификаты удостоверяющего центра в хранилище «Доверенные корневые центры
            сертификации» **локального компьютера**, а не пользователя. Для ДоверЦентра их можно скачать на странице
            «Сертификаты УЦ» портала. После установки перезапустите ПодписьПоток: программа читает хранилище при запуске.
            """,
            "certificate-is-not-trusted-signflow", "\"Certificate is not trusted\" in SignFlow", """
            The message means the certificate chain does not reach a trusted root certificate.

            Install the certification authority's root and intermediate certificates into the Trusted Root Certification
            Authorities store of the **local computer**, not the user's. For TrustCA you can download them from the portal's
            CA certificates page. Restart SignFlow afterwards: it reads the store at start-up.
            """),
        new([SignFlow], "proverka-podpisi-dokumenta", "Проверка электронной подписи документа", """
            Откройте подписанный файл или перетащите пару «документ + .sig» в окно ПодписьПоток и нажмите «Проверить».

            Результат показывает: кто подписал, когда, действителен ли сертификат на момент подписи и не изменён ли документ.
            Статус «Не удалось проверить статус отзыва» означает, что недоступен CRL или OCSP: проверьте доступ в интернет
            или загрузите список отзыва вручную. Отчёт о проверке можно сохранить в PDF.
            """,
            "verifying-a-document-signature", "Verifying a document's electronic signature", """
            Open the signed file, or drag the document together with its `.sig` into SignFlow, and click Verify.

            The result shows who signed and when, whether the certificate was valid at signing time and whether the document was
            changed. "Revocation status could not be checked" means the CRL or OCSP responder is unreachable: check the internet
            connection or load the revocation list by hand. The verification report can be saved as PDF.
            """),
        new([TrustCa], "publikatsiya-spiskov-otzyva-crl", "Публикация списков отозванных сертификатов (CRL)", """
            ДоверЦентр выпускает список отозванных сертификатов каждые 12 часов и сразу после каждого отзыва.

            Точки распространения (CDP) задаются в «Политики» → «Публикация». Если клиенты пишут, что список отзыва устарел,
            проверьте, что задание публикации выполнено (`trustca jobs list`) и что веб-сервер CDP отдаёт новый файл.
            Срок действия CRL по умолчанию — 7 дней; не делайте его короче интервала публикации.
            """,
            "publishing-certificate-revocation-lists", "Publishing certificate revocation lists (CRL)", """
            TrustCA issues its certificate revocation list every 12 hours and right after each revocation.

            Distribution points (CDP) are set under Policies → Publishing. If clients say the revocation list is out of date,
            check that the publishing job ran (`trustca jobs list`) and that the CDP web server serves the new file.
            A CRL is valid for 7 days by default; never make it shorter than the publishing interval.
            """),
        new([TrustCa], "vypusk-sertifikata-polzovatelya", "Выпуск сертификата пользователя в ДоверЦентре", """
            Оператор создаёт запрос в веб-консоли: «Сертификаты» → «Новый запрос», выбирает шаблон и данные владельца.

            Ключ создаётся на стороне пользователя: отправьте ему ссылку на запрос, он сформирует ключ на своём токене
            с КриптоСтраж CSP. После одобрения запрос превращается в сертификат, владелец получает письмо. Ошибка
            «шаблон недоступен» значит, что у оператора нет права на этот шаблон — его выдаёт администратор ДоверЦентра.
            """,
            "issuing-a-user-certificate-in-trustca", "Issuing a user certificate in TrustCA", """
            The operator creates a request in the web console: Certificates → New request, chooses a template and the holder's details.

            The key is made on the user's side: send them the request link and they generate the key on their token with
            CryptoGuard CSP. Once approved the request becomes a certificate and the holder gets a mail. The error "template not
            available" means the operator lacks the right to that template — TrustCA's administrator grants it.
            """),
        new([TrustCa], "rezervnoe-kopirovanie-doverentsentra", "Резервное копирование ДоверЦентра", """
            Резервная копия включает базу сертификатов, конфигурацию и ключ УЦ. Команда:

            ```
            trustca backup create --target /backup --include-ca-key
            ```

            Ключ УЦ в копии зашифрован паролем офицера безопасности — без него восстановить УЦ нельзя. Храните копию вне
            сервера и проверяйте восстановление на стенде хотя бы раз в квартал. Учётная запись, которой делают копию,
            должна входить в группу «Операторы резервного копирования».
            """,
            "backing-up-trustca", "Backing up TrustCA", """
            A backup holds the certificate database, the configuration and the CA key. The command:

            ```
            trustca backup create --target /backup --include-ca-key
            ```

            The CA key in the backup is encrypted with the security officer's password — without it the CA cannot be restored.
            Keep the backup off the server and test a restore on a test machine at least once a quarter. The account that makes
            the backup must belong to the Backup operators group.
            """),
        new([Csp, Vpn, SignFlow, TrustCa], "registratsiya-sertifikata-podderzhki", "Как зарегистрировать сертификат поддержки", """
            Сертификат поддержки — это ваш договор на техническую поддержку продукта. Он даёт обращениям приоритет по тарифу.

            1. Войдите в личный кабинет и откройте «Сертификаты».
            2. Введите **серийный номер** (например, `CG-2026-000123`) и **код активации** из письма партнёра.
            3. Нажмите «Зарегистрировать».

            «Сертификат недействителен» — проверьте серийный номер и код, регистр не важен. «Сертификат уже зарегистрирован» —
            его добавил коллега; попросите его оформить обращение или передать доступ. Истёкший сертификат зарегистрировать нельзя.
            """,
            "registering-a-support-certificate", "How to register your support certificate", """
            A support certificate is your support contract for a product. It gives your tickets the priority of your plan.

            1. Sign in to the portal and open Certificates.
            2. Enter the **serial number** (for example `CG-2026-000123`) and the **activation code** from the partner's mail.
            3. Click Register.

            "Certificate invalid" — check the serial number and the code; case does not matter. "Certificate already registered" —
            a colleague added it; ask them to send the ticket or share access. An expired certificate cannot be registered.
            """),
        new([], "kak-oformit-obrashchenie", "Как оформить обращение, чтобы его решили быстрее", """
            Хорошее обращение решается с первого ответа. Укажите:

            - продукт и его версию, версию операционной системы;
            - что вы делали, что ожидали и что получили — **точный текст или код ошибки**;
            - снимок экрана и журналы (для КриптоСтраж CSP — архив утилиты сбора диагностики).

            Выберите сертификат поддержки, если он есть: обращение попадёт в нужный отдел с приоритетом по тарифу.
            Одна проблема — одно обращение: так каждую быстрее решит нужный специалист.
            """,
            "how-to-write-a-good-ticket", "How to write a ticket that gets solved fast", """
            A good ticket is solved with the first answer. Include:

            - the product and its version, the operating system version;
            - what you did, what you expected and what you got — **the exact error text or code**;
            - a screenshot and logs (for CryptoGuard CSP, the archive from the diagnostics tool).

            Choose your support certificate if you have one: the ticket reaches the right department with your plan's priority.
            One problem per ticket: each is then solved faster by the right specialist.
            """),
    ];
}
