using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>Ticket mail goes through the outbox in the ticket's partition: a crash between the commit and the queue loses no mail.</summary>
[Collection(StackCollection.Name)]
public sealed class TicketMailOutboxTests(SharedStack shared) : IDisposable
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

    private sealed class NoCoverage : ICertificateCoverage
    {
        public Task<TicketCoverage> ForTicketAsync(string accountId, string certificateId, DateTimeOffset at, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Not used here.");
    }

    private TicketMail Mail() => new(_adapters.Store, _queue, new Directory(_account), "https://portal.example");

    [Fact]
    public async Task A_staff_reply_is_queued_to_the_customer_in_their_language_and_leaves_nothing_in_the_outbox()
    {
        var ticket = await OpenAsync();
        var staff = new StaffTickets(_adapters.Store, Mail(), _adapters.Shared.Clock);

        await staff.PostAsync(new StaffCaller("agent-1", "Анна", null, new HashSet<string> { StaffCaller.AgentRole }), ticket.Id, StaffMessageKind.InfoRequest, "Пришлите журнал.", CancellationToken.None);

        var mail = Assert.Single(_queue.Sent);
        Assert.Equal((TicketMail.StaffReplyTemplate, "ivan@example.test", "ru"), (mail.Template, mail.Recipient, mail.Language));
        Assert.Equal("Пришлите журнал.", mail.Values["body"]);
        Assert.Equal("ожидает вашего ответа", mail.Values["statusText"]);
        Assert.Equal($"https://portal.example/tickets/{ticket.Id}", mail.Values["link"]);
        Assert.Equal(_account, mail.Values["accountId"]);
        Assert.Empty((await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!.UnsentMail);
    }

    [Fact]
    public async Task A_mail_left_in_the_outbox_by_a_crash_goes_out_with_the_ticket_s_next_change()
    {
        var ticket = await OpenAsync();
        var loaded = (await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!;
        loaded.Ticket.PostAsStaff(new MessageAuthor(AuthorKind.Staff, "agent-1", "Анна"), StaffMessageKind.Reply, "Смотрим.", [], DateTimeOffset.UtcNow);
        // The change commits with its mail in the outbox, then the process dies before queueing it.
        await _adapters.Store.SaveAsync(loaded.Ticket, loaded.ETag, TicketMail.For(loaded.Ticket), CancellationToken.None);
        Assert.Single((await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!.UnsentMail);

        using var ids = new HiLoTicketIds(_adapters.IdBlocks);
        var customer = new CustomerTickets(_adapters.Store, ids, new NoCoverage(), new Directory(_account), _adapters.Blobs, _adapters.Rules, Mail(),
            _adapters.Shared.Clock, _adapters.Options);
        await customer.ReplyAsync(new CustomerCaller(_account, "session"), ticket.Id, "Спасибо", [], null, CancellationToken.None);

        var mail = Assert.Single(_queue.Sent);
        Assert.Equal($"ticket-{ticket.Id}-message-2", mail.Id);
        Assert.Empty((await _adapters.Store.LoadAsync(_account, ticket.Id, [], CancellationToken.None))!.UnsentMail);
    }

    private async Task<Ticket> OpenAsync()
    {
        using var ids = new HiLoTicketIds(_adapters.IdBlocks);
        var ticket = Ticket.Open(await ids.NextAsync(CancellationToken.None), _account, "Иван", new TicketDraft("Ошибка", "Не запускается.", null, null),
            new CoverageChoice(null, null, "general", TicketPriority.Minimal), [], DateTimeOffset.UtcNow);
        await _adapters.Store.SaveAsync(ticket, null, [], CancellationToken.None);
        return ticket;
    }
}
