using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Notifications;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Notifications;

[Collection(StackCollection.Name)]
public sealed class MailDeliveryTests(SharedStack shared) : IDisposable
{
    private readonly Mailbox _mail = new(shared.Stack.MailUi);

    public void Dispose() => _mail.Dispose();

    [Fact]
    public async Task A_notification_delivered_twice_is_sent_once_in_its_language_with_values_encoded()
    {
        var to = $"twice-{Guid.NewGuid():N}@example.com";
        var notification = new Notification(Guid.NewGuid().ToString("N"), "account.password_changed", to, "en",
            new Dictionary<string, string> { ["name"] = "<b>Eve</b>" });
        var message = JsonSerializer.Serialize(notification, ApiJson.Options);

        for (var i = 0; i < 2; i++)
        {
            using var run = await shared.Stack.Client.PostAsJsonAsync("/admin/functions/DeliverNotification", new { input = message });
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        var sent = Assert.Single(await _mail.ToAsync(to));
        Assert.Equal("Your password was changed", sent.Subject);
        Assert.Contains("Hello <b>Eve</b>,", sent.Text);
        using var client = new HttpClient { BaseAddress = shared.Stack.MailUi };
        var html = await client.GetStringAsync($"api/messages/{sent.Id}/html");
        Assert.Contains("&lt;b&gt;Eve&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>Eve</b>", html);
    }

    [Fact]
    public async Task A_template_renders_without_the_values_it_expects()
    {
        var to = $"bare-{Guid.NewGuid():N}@example.com";
        var message = JsonSerializer.Serialize(new Notification(Guid.NewGuid().ToString("N"), "account.verify", to, "ru", new Dictionary<string, string>()), ApiJson.Options);

        using var run = await shared.Stack.Client.PostAsJsonAsync("/admin/functions/DeliverNotification", new { input = message });

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var sent = await _mail.WaitForAsync(to, "Подтвердите адрес");
        Assert.DoesNotContain("{link}", sent.Text);
        Assert.DoesNotContain("{name}", sent.Text);
    }

    [Fact]
    public async Task The_smtp_sender_delivers_text_and_html_to_smtp4dev()
    {
        var options = Options.Create(new MailOptions
        {
            Smtp = new MailOptions.SmtpOptions { Host = "127.0.0.1", Port = shared.Stack.Stack.GetProperty("smtpPort").GetInt32(), From = "Desk <desk@example.com>" },
        });
        var to = $"smtp-{Guid.NewGuid():N}@example.com";

        await new SmtpMailSender(options).SendAsync(new OutgoingMail("id-1", to, "Тема письма", "Текст письма", "<p>Текст письма</p>"), CancellationToken.None);

        var sent = await _mail.WaitForAsync(to, "Тема письма");
        Assert.Contains("Текст письма", sent.Text);
    }
}

/// <summary>A stack whose SMTP server is down: mail must retry and end in the poison queue, not vanish.</summary>
public sealed class MailFailureTests
{
    [Fact]
    public async Task A_mail_the_sender_cannot_deliver_is_retried_and_ends_in_notifications_poison()
    {
        await using var stack = await LocalStack.StartAsync(new Dictionary<string, string>
        {
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = LocalStack.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var queues = new QueueServiceClient(stack.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient("notifications");
        var poison = queues.GetQueueClient("notifications-poison");
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        var message = JsonSerializer.Serialize(new Notification(Guid.NewGuid().ToString("N"), "account.password_changed",
            "nobody@example.com", "en", new Dictionary<string, string>()), ApiJson.Options);

        await queue.SendMessageAsync(message);

        var poisoned = await Eventually.ValueAsync(async () =>
            (await poison.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.MessageText == message), TimeSpan.FromSeconds(90), () => stack.Output);
        Assert.Equal(message, poisoned.MessageText);
        var stats = await stack.GetJsonAsync<JsonElement>("/admin/functions/DeliverNotification/stats");
        Assert.Equal(5, stats.GetProperty("failed").GetInt64());
    }
}
