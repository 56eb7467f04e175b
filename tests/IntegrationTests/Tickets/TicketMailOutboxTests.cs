using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Desk;
using SupportFunctions.Functions.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>
/// Ticket mail goes through the outbox in the ticket's partition and is queued by the ticket-change dispatcher: a dispatch
/// that keeps failing loses no mail, even when the ticket never changes again.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class TicketMailOutboxTests(SharedStack shared) : IDisposable
{
    private readonly TicketAdapters _adapters = new(shared.Stack);
    private readonly People _people = new(shared.Stack);

    public void Dispose() => _adapters.Dispose();

    [Fact]
    public async Task A_staff_request_reaches_the_customer_in_their_language_with_the_auto_close_date_and_leaves_nothing_in_the_outbox()
    {
        var customer = await _people.CustomerAsync(language: "ru");
        var accountId = await AccountIdAsync(customer);
        var ticket = await SendAsync(customer);
        using var agent = await _people.StaffAsync("Support.Agent");

        using (var posted = await agent.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "Пришлите журнал.", kind = "info_request" }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var mail = await Eventually.ValueAsync(async () => (await _people.MailsToAsync(customer.Email))
            .FirstOrDefault(m => m.Contains("Пришлите журнал.", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => "no reply mail");
        Assert.Contains($"№{ticket}", mail, StringComparison.Ordinal);
        Assert.Contains("ожидает вашего ответа", mail, StringComparison.Ordinal);
        Assert.Contains("закроется автоматически", mail, StringComparison.Ordinal);
        Assert.Contains($"/tickets/{ticket}", mail, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await OutboxRowsAsync(accountId, ticket)).Count == 0, TimeSpan.FromSeconds(10), () => "outbox rows left");
    }

    [Fact]
    public async Task A_change_whose_dispatch_kept_failing_reaches_the_customer_and_the_queue_after_the_repair_pass()
    {
        var customer = await _people.CustomerAsync();
        var accountId = await AccountIdAsync(customer);
        var ticketId = await SendAsync(customer);
        // This process's saves are announced straight into the poison queue: as if the dispatcher had failed on them five times.
        using var failing = new TicketAdapters(shared.Stack, desk: new DeskOptions { AnnouncementQueue = TicketChangeQueue.PoisonQueueName, DispatchDelay = TimeSpan.Zero });
        var loaded = (await failing.Store.LoadAsync(accountId, ticketId, [], CancellationToken.None))!;
        loaded.Ticket.PostAsStaff(new MessageAuthor(AuthorKind.Staff, "agent-1", "Anna"), StaffMessageKind.Reply, "We are looking into it.", [], DateTimeOffset.UtcNow, TicketAdapters.Schedule);
        await failing.Store.SaveAsync(loaded.Ticket, loaded.ETag, TicketMail.For(loaded.Ticket), CancellationToken.None);
        Assert.Single(await OutboxRowsAsync(accountId, ticketId));
        using var agent = await _people.StaffAsync("Support.Agent");
        Assert.Equal("open", await QueueStatusAsync(agent, ticketId));

        using (var run = await shared.Stack.Client.PostAsJsonAsync("/admin/functions/RepairTicketViews", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var mail = await Eventually.ValueAsync(async () => (await _people.MailsToAsync(customer.Email))
            .FirstOrDefault(m => m.Contains("We are looking into it.", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => $"no reply mail for ticket {ticketId}\n{shared.Stack.Output[^Math.Min(6000, shared.Stack.Output.Length)..]}");
        Assert.Contains($"/tickets/{ticketId}", mail, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await QueueStatusAsync(agent, ticketId) == "in_progress", TimeSpan.FromSeconds(30),
            () => "the queue still shows the ticket before the staff reply");
        await Eventually.TrueAsync(async () => (await OutboxRowsAsync(accountId, ticketId)).Count == 0, TimeSpan.FromSeconds(10), () => "outbox rows left");
    }

    private static async Task<string?> QueueStatusAsync(HttpClient agent, long ticketId)
    {
        var page = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?q={ticketId}&status=open&status=in_progress&status=awaiting_customer");
        return page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetInt64() == ticketId)
            .Select(i => i.GetProperty("status").GetString()).FirstOrDefault();
    }

    private async Task<long> SendAsync(People.Customer customer)
    {
        using var sent = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject = "Не запускается", description = "Служба падает при старте." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var agent = await _people.StaffAsync("Support.Agent");
        await Eventually.TrueAsync(async () => await QueueStatusAsync(agent, id) is not null, TimeSpan.FromSeconds(30), () => $"ticket {id} never reached the queue");
        return id;
    }

    private static async Task<string> AccountIdAsync(People.Customer customer) =>
        (await customer.Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;

    private async Task<List<TableEntity>> OutboxRowsAsync(string accountId, long ticketId)
    {
        var table = await _adapters.Shared.Storage.TableAsync(TableTicketStore.TableName);
        var prefix = $"o-{ticketId:D10}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {$"o-{ticketId:D10}."}");
        return await table.QueryAsync<TableEntity>(filter).ToListAsync();
    }
}
