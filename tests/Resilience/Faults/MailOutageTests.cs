using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using SupportFunctions.IntegrationTests.Desk;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.Resilience.Load;
using Xunit.Abstractions;

namespace SupportFunctions.Resilience.Faults;

/// <summary>The mail server away for a while, and a mail that can never be sent.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class MailOutageTests(ResilienceStack fixture, ITestOutputHelper output)
{
    private const string NotificationsPoison = "notifications-poison";
    private readonly LocalStack _stack = fixture.Stack;

    [Fact]
    public async Task Mail_sent_while_the_mail_server_is_down_is_delivered_once_each_after_it_is_back()
    {
        var desk = new DeskClient(_stack);
        var customers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => desk.People.CustomerAsync()));
        using var agent = await desk.People.StaffAsync("Support.Agent");
        var poisonedBefore = (await _stack.PoisonCountsAsync())[NotificationsPoison];

        await _stack.StopAsync("smtp4dev");
        var tickets = new List<(string Email, long Id)>();
        foreach (var customer in customers)
        {
            for (var i = 0; i < 2; i++)
            {
                var id = await desk.SendAsync(customer, $"Mail outage {Guid.NewGuid():N}");
                await DeskClient.PostAsync(agent, id, "reply", "We are looking at it.");
                tickets.Add((customer.Email, id));
            }
        }
        var expected = tickets.Count * 2;
        // Every try failed: each mail ends in the poison queue, and operators see the count.
        await Eventually.TrueAsync(async () => (await _stack.PoisonCountsAsync())[NotificationsPoison] >= poisonedBefore + expected,
            TimeSpan.FromSeconds(90), () => "the mails did not all reach the poison queue");
        Assert.Contains($"Poison queue {NotificationsPoison} holds", _stack.Output, StringComparison.Ordinal);

        await _stack.StartAsync("smtp4dev");
        await _stack.RunFunctionAsync("RepairMailOutbox");

        using var mailbox = new Mailbox(_stack.MailUi);
        foreach (var (email, id) in tickets)
        {
            await mailbox.WaitForAsync(email, $"We received your ticket #{id}:");
            await mailbox.WaitForAsync(email, $"Reply to your ticket #{id}:");
        }
        await _stack.DrainQueueAsync("notifications");
        var delivered = new List<string>();
        foreach (var email in customers.Select(c => c.Email))
        {
            delivered.AddRange((await mailbox.ToAsync(email)).Select(m => m.Subject));
        }
        output.WriteLine($"mail outage: {expected} mails queued while smtp4dev was down, {delivered.Count} delivered after it came back");
        Assert.Equal(expected, delivered.Count);
        Assert.Equal(expected, delivered.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(poisonedBefore, (await _stack.PoisonCountsAsync())[NotificationsPoison]);
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_stays_in_its_poison_queue_after_its_revivals_counted_in_health_and_logged()
    {
        var notifications = new QueueClient(_stack.StorageConnectionString, "notifications", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var id = $"poison-{Guid.NewGuid():N}";
        var before = (await _stack.PoisonCountsAsync())[NotificationsPoison];
        // A template no release has: rendering fails on every try.
        await notifications.SendMessageAsync(JsonSerializer.Serialize(new
        {
            id,
            template = "no.such.template",
            recipient = "ops@example.test",
            language = "en",
            values = new Dictionary<string, string>(),
        }));

        for (var revival = 0; revival <= SupportFunctions.Functions.Storage.PoisonRevival.MaxRevivals; revival++)
        {
            await Eventually.TrueAsync(async () => (await _stack.PoisonCountsAsync())[NotificationsPoison] == before + 1,
                TimeSpan.FromSeconds(60), () => $"try {revival}: the mail did not reach {NotificationsPoison}");
            await _stack.RunFunctionAsync("RepairMailOutbox");
        }

        Assert.Equal(before + 1, (await _stack.PoisonCountsAsync())[NotificationsPoison]);
        Assert.Contains($"Poison queue {NotificationsPoison} holds", _stack.Output, StringComparison.Ordinal);
        Assert.Contains($"stays in {NotificationsPoison}: it failed after every revival and needs an operator", _stack.Output, StringComparison.Ordinal);
        var stats = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/functions/DeliverNotification/stats");
        Assert.True(stats.GetProperty("failed").GetInt32() >= 5 * (SupportFunctions.Functions.Storage.PoisonRevival.MaxRevivals + 1));
    }
}
