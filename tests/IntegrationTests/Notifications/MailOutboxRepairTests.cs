using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Accounts;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;
using SupportFunctions.IntegrationTests.Accounts;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Notifications;

/// <summary>
/// Mail a request committed to an outbox but died before queuing is sent by the <c>RepairMailOutbox</c> timer,
/// which reads only the entries of the <c>outboxdue</c> index that are due.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MailOutboxRepairTests(SharedStack shared) : IDisposable
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly Mailbox _mail = new(shared.Stack.MailUi);

    public void Dispose() => _mail.Dispose();

    /// <summary>The process dies right after the change committed: nothing reaches the queue.</summary>
    public sealed class CrashingQueue : INotificationQueue
    {
        public Task EnqueueAsync(Notification notification, CancellationToken cancellationToken) =>
            throw new IOException("The process died before queuing the mail.");
    }

    [Fact]
    public async Task An_account_mail_left_in_the_outbox_by_a_crash_is_delivered_after_the_repair_runs()
    {
        var customer = new AccountsClient(_stack);
        var email = AccountsClient.NewEmail("outbox");
        var token = await customer.RegisterAsync(_mail, email);
        var accountId = (await customer.MeAsync(token)).GetProperty("id").GetString()!;
        // The request ran minutes ago, so its outbox entry is due now.
        var earlier = new Adapters(_stack, new ShiftedClock(TimeSpan.FromMinutes(-5)));
        var table = new AccountTable(earlier.Storage, new CrashingQueue(), earlier.Clock, earlier.Outbox);
        var account = (await table.FindAsync(accountId, CancellationToken.None))!;
        var mailId = $"test-{Guid.NewGuid():N}";
        var notification = new Notification(mailId, "account.password_changed", email, "en",
            new Dictionary<string, string> { ["accountId"] = accountId, ["name"] = "Test Customer" });

        await Assert.ThrowsAsync<IOException>(() => table.SaveAsync(account, [notification], CancellationToken.None));
        Assert.NotNull(await OutboxRowAsync(AccountTable.TableName, accountId, $"outbox-{mailId}"));

        await RunRepairAsync();

        var delivered = await _mail.WaitForAsync(email, "Your password was changed");
        Assert.Contains("Hello Test Customer", delivered.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await OutboxRowAsync(AccountTable.TableName, accountId, $"outbox-{mailId}") is null, TimeSpan.FromSeconds(10));
        await RunRepairAsync();
        Assert.Single(await _mail.ToAsync(email), m => m.Subject.Contains("Your password was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mail_whose_entry_is_not_due_yet_is_left_in_the_outbox()
    {
        var adapters = new Adapters(_stack);
        var partition = Guid.NewGuid().ToString("N");
        var email = AccountsClient.NewEmail("not-due");
        var notification = new Notification($"test-{Guid.NewGuid():N}", "account.password_changed", email, "en", new Dictionary<string, string>());
        var accounts = await adapters.Storage.TableAsync(AccountTable.TableName);
        await adapters.Outbox.ScheduleAsync(AccountTable.TableName, partition, "outbox-", CancellationToken.None);
        await accounts.AddEntityAsync(new TableEntity(partition, $"outbox-{notification.Id}")
        {
            ["Message"] = JsonSerializer.Serialize(notification, ApiJson.Options),
        });
        try
        {
            await RunRepairAsync();

            Assert.NotNull(await OutboxRowAsync(AccountTable.TableName, partition, $"outbox-{notification.Id}"));
            Assert.Contains(await DueEntriesAsync(adapters), e => e.GetString("TargetPartitionKey") == partition);
            Assert.Empty(await _mail.ToAsync(email));
        }
        finally
        {
            await accounts.DeleteEntityAsync(partition, $"outbox-{notification.Id}");
        }
    }

    [Fact]
    public async Task With_nothing_due_a_repair_is_one_query_however_many_entries_wait()
    {
        var adapters = new Adapters(_stack);
        for (var i = 0; i < 3; i++)
        {
            await adapters.Outbox.ScheduleAsync(AccountTable.TableName, Guid.NewGuid().ToString("N"), "outbox-", CancellationToken.None);
        }
        var longAgo = new Adapters(_stack, new ShiftedClock(TimeSpan.FromDays(-3650)));
        var repair = new MailOutboxRepair(longAgo.Storage, [], new CrashingQueue(), longAgo.Clock, NullLogger<MailOutboxRepair>.Instance);
        await longAgo.Storage.TableAsync(MailOutbox.TableName);
        longAgo.RoundTrips.Reset();

        Assert.Equal(0, await repair.RepairDueAsync(CancellationToken.None));

        Assert.Equal(1, longAgo.RoundTrips.Total);
    }

    private async Task RunRepairAsync()
    {
        using var response = await _stack.Client.PostAsJsonAsync("/admin/functions/RepairMailOutbox", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<TableEntity?> OutboxRowAsync(string table, string partitionKey, string rowKey)
    {
        var client = new TableClient(_stack.StorageConnectionString, table);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return row.HasValue ? row.Value : null;
    }

    private static async Task<List<TableEntity>> DueEntriesAsync(Adapters adapters)
    {
        var index = await adapters.Storage.TableAsync(MailOutbox.TableName);
        return await index.QueryAsync<TableEntity>(e => e.PartitionKey == "due").ToListAsync();
    }
}
