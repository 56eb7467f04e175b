using Azure.Data.Tables;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Accounts;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>
/// Work for the local desk: saved replies, three more demo customers (they sign in with the demo customer's password) and
/// their tickets in every priority and status across the departments. Runs again safely: it writes only once.
/// </summary>
public sealed class DeskDemoSeeder(StorageClients storage, ISavedReplies savedReplies, ITicketStore store, ITicketIds ids,
    IPasswordHashing passwords, SupportSchedule schedule, IClock clock) : IDemoSeeder
{
    public int Order => 40;
    public string Name => "desk";

    private static readonly (string Id, string Email, string Name, string Language)[] Customers =
    [
        ("00000000000000000000000000000de1", "olga@example.com", "Ольга Смирнова", "ru"),
        ("00000000000000000000000000000de2", "it@northwind.example", "Northwind IT", "en"),
        ("00000000000000000000000000000de3", "petrov@example.com", "Игорь Петров", "ru"),
    ];

    public static readonly SavedReply[] Replies =
    [
        new("ask-logs", ISavedReplies.AllDepartments, "ru", "Запросить журналы",
            "Здравствуйте, {{customerName}}!\n\nЧтобы разобраться, пришлите, пожалуйста, журналы службы за время сбоя и точные версии продукта и ОС.\n\nС уважением,\n{{agentName}}"),
        new("ask-logs", ISavedReplies.AllDepartments, "en", "Ask for logs",
            "Hello {{customerName}},\n\nTo look into this, please send the service logs from the time of the failure and the exact product and OS versions.\n\nBest regards,\n{{agentName}}"),
        new("csp-reinstall", "crypto", "ru", "КриптоСтраж: переустановка с сохранением ключей",
            "{{customerName}}, ключи сохранятся при переустановке: удалите программу через «Программы и компоненты», перезагрузите компьютер и установите версию 5.2.3. Контейнеры ключей останутся на месте."),
        new("csp-reinstall", "crypto", "en", "CryptoGuard: reinstall keeping the keys",
            "{{customerName}}, your keys survive a reinstall: remove the program in Apps & features, restart, and install version 5.2.3. Key containers stay where they are."),
        new("ca-crl", "pki", "ru", "ДоверЦентр: обновить список отзыва",
            "{{customerName}}, опубликуйте список отзыва заново: «Центр сертификации» → «Отозванные сертификаты» → «Опубликовать». Клиенты увидят его в течение 15 минут."),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if ((await savedReplies.ListAsync(ISavedReplies.AllDepartments, null, cancellationToken)).Count > 0)
        {
            return;
        }
        foreach (var reply in Replies)
        {
            await savedReplies.AddAsync(reply, cancellationToken);
        }
        await SeedCustomersAsync(cancellationToken);
        await SeedTicketsAsync(cancellationToken);
    }

    private async Task SeedCustomersAsync(CancellationToken cancellationToken)
    {
        var accounts = await storage.TableAsync(AccountTable.TableName);
        var claims = await storage.TableAsync(AccountTable.ClaimTableName);
        var now = clock.UtcNow;
        foreach (var (id, email, name, language) in Customers)
        {
            await accounts.UpsertEntityAsync(new TableEntity(id, "account")
            {
                ["Email"] = email,
                ["DisplayName"] = name,
                ["Language"] = language,
                ["TimeZone"] = "Europe/Moscow",
                ["MutedMail"] = "",
                ["PasswordHash"] = passwords.Hash(AccountDemoSeeder.Password),
                ["CreatedAt"] = now,
                ["VerifiedAt"] = now,
                ["SecurityStamp"] = Guid.NewGuid().ToString("N"),
            }, TableUpdateMode.Replace, cancellationToken);
            await claims.UpsertEntityAsync(new TableEntity(Keys.Hash(EmailAddress.Normalize(email)!), "claim")
            {
                ["AccountId"] = id,
                ["ClaimedAt"] = now,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private async Task SeedTicketsAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var anna = new MessageAuthor(AuthorKind.Staff, "demo-agent", "Анна Смирнова");
        var annaRef = new StaffRef("demo-agent", "Анна Смирнова");
        var (olga, northwind, petrov) = (Customers[0], Customers[1], Customers[2]);
        await OpenAsync(olga, now.AddMinutes(-40), TicketPriority.Critical, "crypto", "Не подписываются документы после обновления КриптоСтраж CSP",
            "После обновления до 5.2.2 все подписи падают с ошибкой 0x8009001D. Работа бухгалтерии остановлена.", _ => { }, cancellationToken);
        await OpenAsync(northwind, now.AddHours(-5), TicketPriority.High, "crypto", "VPN gateway drops tunnels every 20 minutes",
            "Since Monday the gateway drops all IPsec tunnels roughly every 20 minutes. Firmware 3.1.4.", t =>
                t.PostAsStaff(anna, StaffMessageKind.Reply, "We are looking into it; could you tell us the number of tunnels?", [], now.AddHours(-4), schedule), cancellationToken);
        await OpenAsync(petrov, now.AddDays(-1), TicketPriority.Normal, "pki", "Клиенты не видят новый список отзыва",
            "Опубликовали список отзыва, но клиенты проверяют старый. Что проверить?", t =>
            {
                t.PostAsStaff(anna, StaffMessageKind.InfoRequest, "Пришлите, пожалуйста, адрес точки распространения из сертификата.", [], now.AddHours(-20), schedule);
            }, cancellationToken);
        await OpenAsync(olga, now.AddDays(-2), TicketPriority.Low, "general", "Как получить закрывающие документы за квартал?",
            "Нужны акты за третий квартал для бухгалтерии.", t => t.ChangeByStaff(anna, new StaffChange(ChangeAssignee: true, Assignee: annaRef), now.AddDays(-2).AddHours(1), schedule),
            cancellationToken);
        await OpenAsync(northwind, now.AddHours(-2), TicketPriority.Minimal, "general", "Question about the roadmap",
            "Is an ARM64 build planned for next year?", _ => { }, cancellationToken);
        await OpenAsync(petrov, now.AddDays(-6), TicketPriority.Normal, "pki", "Ошибка при выпуске сертификата для сервера",
            "При выпуске сертификата веб-сервера ДоверЦентр пишет «шаблон недоступен».", t =>
            {
                t.PostAsStaff(anna, StaffMessageKind.Solution, "Добавьте шаблону права на выпуск для группы серверов и перезапустите службу.", [], now.AddDays(-5), schedule);
                t.ResolveByCustomer(now.AddDays(-4));
            }, cancellationToken);
    }

    private async Task OpenAsync((string Id, string Email, string Name, string Language) customer, DateTimeOffset at, TicketPriority priority,
        string department, string subject, string description, Action<Ticket> then, CancellationToken cancellationToken)
    {
        var coverage = new CoverageChoice(null, null, department, priority);
        var ticket = Ticket.Open(await ids.NextAsync(cancellationToken), customer.Id, customer.Name,
            new TicketDraft(subject, description, "Windows Server 2022", null), coverage, [], at, schedule);
        await store.SaveAsync(ticket, null, [], cancellationToken);
        var stored = await store.LoadAsync(customer.Id, ticket.Id, [], cancellationToken)
            ?? throw new InvalidOperationException("The demo ticket just saved is missing.");
        then(stored.Ticket);
        await store.SaveAsync(stored.Ticket, stored.ETag, [], cancellationToken);
    }
}
