using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Xunit.Abstractions;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;
using SupportFunctions.Functions.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Notifications;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>Ticket mail goes through the outbox in the ticket's partition: a crash between the commit and the queue loses no mail, even when the ticket never changes again.</summary>
[Collection(StackCollection.Name)]
public sealed class TicketMailOutboxTests(SharedStack shared, ITestOutputHelper output) : IDisposable
{
    private readonly TicketAdapters _adapters = new(shared.Stack);
    private readonly string _account = Guid.NewGuid().ToString("N");
    private readonly RecordingQueue _queue = new();

    public void Dispose() => _adapters.Dispose();

    private sealed class RecordingQueue : INotificationQueue
    {
        public List<Notification> Sent { get; } = [];

        public Task EnqueueAsync(Notification notification, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add(notification);
            }
            return Task.CompletedTask;
        }
    }

    private sealed class Directory(string accountId) : IAccountDirectory
    {
        public Task<AccountContact?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(id == accountId
            ? new AccountContact(id, "ivan@example.test", "Иван", "ru", "Europe/Moscow", new HashSet<string>())
            : null);
    }

    private TicketMail Mail() => new(_adapters.Store, _queue, new Directory(_account), "https://portal.example");

    [Fact]
    public async Task A_staff_reply_is_queued_to_the_customer_in_their_language_and_leaves_nothing_in_the_outbox()
    {
        var ticket = await OpenAsync();
        var staff = new StaffTickets(_adapters.Store, Mail(), _adapters.Shared.Clock);
        await _adapters.Shared.Storage.TableAsync(MailOutbox.TableName); // created on first use: not part of the reply
        _adapters.Shared.RoundTrips.Reset();

        await staff.PostAsync(new StaffCaller("agent-1", "Анна", null, new HashSet<string> { StaffCaller.AgentRole }), ticket.Id, StaffMessageKind.InfoRequest, "Пришлите журнал.", CancellationToken.None);

        // Owner lookup, load, the outbox entry, the commit, the outbox row's delete (the queue and directory are not storage here).
        var roundTrips = _adapters.Shared.RoundTrips.Count;
        output.WriteLine($"staff reply: {roundTrips} storage round trips");
        Assert.Equal(5, roundTrips);
        var mail = Assert.Single(_queue.Sent);
        Assert.Equal((TicketMail.StaffReplyTemplate, "ivan@example.test", "ru"), (mail.Template, mail.Recipient, mail.Language));
        Assert.Equal("Пришлите журнал.", mail.Values["body"]);
        Assert.Equal("ожидает вашего ответа", mail.Values["statusText"]);
        Assert.Equal($"https://portal.example/tickets/{ticket.Id}", mail.Values["link"]);
        Assert.Equal(_account, mail.Values["accountId"]);
        Assert.Empty(await OutboxRowsAsync(_account, ticket.Id));
    }

    [Fact]
    public async Task A_staff_reply_whose_queueing_failed_reaches_the_customer_after_the_repair_though_the_ticket_never_changes_again()
    {
        var people = new People(shared.Stack);
        var customer = await people.CustomerAsync();
        var me = await customer.Client.GetFromJsonAsync<JsonElement>("/api/me");
        var accountId = me.GetProperty("id").GetString()!;
        // The staff reply ran minutes ago and its process died right after the commit, before queuing the mail.
        var earlier = new TicketAdapters(shared.Stack, new ShiftedClock(TimeSpan.FromMinutes(-5)));
        var ticket = await OpenAsync(earlier, accountId);
        var crashed = new TicketMail(earlier.Store, new MailOutboxRepairTests.CrashingQueue(), new Directory(accountId), "https://portal.example");
        var staff = new StaffTickets(earlier.Store, crashed, earlier.Shared.Clock);
        await Assert.ThrowsAsync<IOException>(() => staff.PostAsync(
            new StaffCaller("agent-1", "Anna", null, new HashSet<string> { StaffCaller.AgentRole }), ticket.Id, StaffMessageKind.Reply, "We are looking into it.", CancellationToken.None));
        Assert.Single(await OutboxRowsAsync(accountId, ticket.Id));

        using (var run = await shared.Stack.Client.PostAsJsonAsync("/admin/functions/RepairMailOutbox", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var mail = await Eventually.ValueAsync(async () => (await people.MailsToAsync(customer.Email))
            .FirstOrDefault(m => m.Contains($"#{ticket.Id}", StringComparison.Ordinal) && m.Contains("We are looking into it.", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => $"no reply mail for ticket {ticket.Id}");
        Assert.Contains($"/tickets/{ticket.Id}", mail, StringComparison.Ordinal);
        Assert.Empty(await OutboxRowsAsync(accountId, ticket.Id));
        earlier.Dispose();
    }

    private async Task<List<TableEntity>> OutboxRowsAsync(string accountId, long ticketId)
    {
        var table = await _adapters.Shared.Storage.TableAsync(TableTicketStore.TableName);
        var prefix = $"o-{ticketId:D10}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {$"o-{ticketId:D10}."}");
        return await table.QueryAsync<TableEntity>(filter).ToListAsync();
    }

    private Task<Ticket> OpenAsync() => OpenAsync(_adapters, _account);

    private static async Task<Ticket> OpenAsync(TicketAdapters adapters, string accountId)
    {
        using var ids = new HiLoTicketIds(adapters.IdBlocks);
        var ticket = Ticket.Open(await ids.NextAsync(CancellationToken.None), accountId, "Иван", new TicketDraft("Ошибка", "Не запускается.", null, null),
            new CoverageChoice(null, null, "general", TicketPriority.Minimal), [], DateTimeOffset.UtcNow);
        await adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None);
        return ticket;
    }
}
