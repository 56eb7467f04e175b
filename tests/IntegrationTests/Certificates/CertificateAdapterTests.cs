using System.Collections.Concurrent;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Functions.Certificates;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Certificates;

/// <summary>The certificate tables against the stack's Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class CertificateAdapterTests(SharedStack shared)
{
    private readonly Adapters _adapters = new(shared.Stack);

    [Fact]
    public async Task Of_concurrent_claims_on_one_serial_exactly_one_account_wins_and_all_see_it()
    {
        var claims = new TableCertificateClaims(_adapters.Storage);
        var serial = Serial.New();
        var accounts = Enumerable.Range(0, 12).Select(i => $"account-{i}-{Guid.NewGuid():N}").ToArray();

        var owners = await Task.WhenAll(accounts.Select(a => claims.ClaimAsync(serial, a, DateTimeOffset.UtcNow, CancellationToken.None)));

        var winner = Assert.Single(accounts, a => owners.Contains(a));
        Assert.All(owners, owner => Assert.Equal(winner, owner));
        Assert.Equal(winner, await claims.OwnerAsync(serial, CancellationToken.None));
    }

    [Fact]
    public async Task A_due_reminder_is_sent_once_when_two_runs_overlap_and_a_later_one_is_left_for_later()
    {
        var reminders = new TableExpiryReminders(_adapters.Storage);
        var now = DateTimeOffset.UtcNow.AddYears(30); // far enough ahead that other tests' rows are due too, and ours is unique
        var account = Guid.NewGuid().ToString("N");
        var serial = Serial.New().Value;
        await reminders.ScheduleAsync(
        [
            new ExpiryReminder(account, serial, 30, now.AddMinutes(-1), now.AddDays(30)),
            new ExpiryReminder(account, serial, 7, now.AddDays(23), now.AddDays(30)),
        ], CancellationToken.None);
        var sent = new ConcurrentBag<ExpiryReminder>();
        async Task Send(ExpiryReminder reminder, CancellationToken token)
        {
            await Task.Delay(50, token); // widen the window in which the other run could pick the same row
            sent.Add(reminder);
        }

        await Task.WhenAll(reminders.ProcessDueAsync(now, Send, CancellationToken.None), reminders.ProcessDueAsync(now, Send, CancellationToken.None));
        await reminders.ProcessDueAsync(now, Send, CancellationToken.None);
        var ours = sent.Where(r => r.AccountId == account).ToList();
        await reminders.ProcessDueAsync(now.AddDays(24), Send, CancellationToken.None);

        Assert.Equal(30, Assert.Single(ours).DaysBefore);
        Assert.Equal([30, 7], sent.Where(r => r.AccountId == account).Select(r => r.DaysBefore).Order().Reverse());
    }

    [Fact]
    public async Task A_reminder_whose_send_failed_is_tried_again_after_its_claim_lapses()
    {
        var reminders = new TableExpiryReminders(_adapters.Storage);
        var now = DateTimeOffset.UtcNow.AddYears(40);
        var account = Guid.NewGuid().ToString("N");
        await reminders.ScheduleAsync([new ExpiryReminder(account, Serial.New().Value, 7, now.AddMinutes(-1), now.AddDays(7))], CancellationToken.None);
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => reminders.ProcessDueAsync(now, (r, _) =>
            r.AccountId == account && ++attempts == 1 ? throw new InvalidOperationException("queue down") : Task.CompletedTask, CancellationToken.None));
        await reminders.ProcessDueAsync(now.AddMinutes(1), (r, _) => { if (r.AccountId == account) attempts++; return Task.CompletedTask; }, CancellationToken.None);
        await reminders.ProcessDueAsync(now.AddMinutes(11), (r, _) => { if (r.AccountId == account) attempts++; return Task.CompletedTask; }, CancellationToken.None);
        await reminders.ProcessDueAsync(now.AddMinutes(30), (r, _) => { if (r.AccountId == account) attempts++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(2, attempts);
    }
}
