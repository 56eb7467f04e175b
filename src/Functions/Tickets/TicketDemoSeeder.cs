using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Accounts;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Tickets;

/// <summary>
/// A few tickets of the demo customer in different states, so "My tickets" and a thread show something locally.
/// Runs again safely: it writes only when the demo customer has no tickets yet.
/// </summary>
public sealed class TicketDemoSeeder(ITicketStore store, ITicketIds ids, SupportSchedule schedule, IClock clock) : IDemoSeeder
{
    private const string DemoAccountId = AccountDemoSeeder.AccountId;
    private const string DemoCustomerName = "Демо Клиент";

    public int Order => 30;
    public string Name => "tickets";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await store.ListAsync(DemoAccountId, resolved: false, 1, null, cancellationToken);
        if (existing.Items.Count > 0 || existing.ResolvedCount > 0)
        {
            return;
        }
        var now = clock.UtcNow;
        var agent = new MessageAuthor(AuthorKind.Staff, "demo-agent", "Анна Смирнова");
        var general = new CoverageChoice(null, null, TicketCoverage.GeneralDepartmentId, TicketPriority.Minimal);

        await OpenAsync(now.AddDays(-6), "Сервер лицензий не отвечает после обновления",
            "После обновления до 5.2 клиенты не видят сервер лицензий.\nВ журнале: «connection refused» на порту 27000.", general,
            ticket =>
            {
                ticket.PostAsStaff(agent, StaffMessageKind.Solution, "Порт изменился на 27010. Откройте его в брандмауэре и перезапустите службу.", [], now.AddDays(-5), schedule);
                ticket.ResolveByCustomer(now.AddDays(-4));
            }, cancellationToken);
        await OpenAsync(now.AddDays(-2), "Как перенести базу на новый сервер?",
            "Планируем переезд на новый сервер. Какие шаги нужны, чтобы перенести базу без потери данных?", general,
            ticket => ticket.PostAsStaff(agent, StaffMessageKind.InfoRequest, "Подскажите, пожалуйста, версию СУБД и объём базы.", [], now.AddDays(-1), schedule),
            cancellationToken);
        await OpenAsync(now.AddHours(-3), "Отчёт формируется очень долго",
            "Отчёт по продажам за год формируется больше 10 минут. Раньше — около минуты.", general, _ => { }, cancellationToken);
    }

    private async Task OpenAsync(DateTimeOffset at, string subject, string description, CoverageChoice coverage, Action<Ticket> then, CancellationToken cancellationToken)
    {
        var ticket = Ticket.Open(await ids.NextAsync(cancellationToken), DemoAccountId, DemoCustomerName,
            new TicketDraft(subject, description, "Windows Server 2022", "5.2.0"), coverage, [], at, schedule);
        await store.SaveAsync(ticket, null, [], cancellationToken);
        var stored = await store.LoadAsync(DemoAccountId, ticket.Id, [], cancellationToken)
            ?? throw new InvalidOperationException("The demo ticket just saved is missing.");
        then(stored.Ticket);
        await store.SaveAsync(stored.Ticket, stored.ETag, [], cancellationToken);
    }
}
