using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Certificates;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Desk;

/// <summary>The auto-close clock over HTTP, on a stack whose clock these tests move and whose sweep they run on demand.</summary>
[Collection(ClockStackCollection.Name)]
public sealed class AutoCloseHttpTests(ClockStack fixture) : IAsyncLifetime
{
    private readonly LocalStack _stack = fixture.Stack;
    private readonly DeskClient _desk = new(fixture.Stack);
    private People People => _desk.People;

    public async Task InitializeAsync() => await _stack.Client.DeleteAsync("/admin/clock");

    public async Task DisposeAsync() => await _stack.Client.DeleteAsync("/admin/clock");

    [Fact]
    public async Task A_ticket_closes_when_its_time_is_up_and_not_a_minute_before_with_one_reminder_and_one_mail()
    {
        var (customer, ticket, autoCloseAt) = await AwaitingAsync();
        Assert.Equal(autoCloseAt, (await RowAsync(ticket)).GetProperty("autoCloseAt").GetDateTimeOffset());

        await AdvanceToAsync(autoCloseAt.AddDays(-1).AddMinutes(1));
        await SweepAsync();
        await SweepAsync();
        var reminders = await Eventually.ValueAsync(async () => await MailsAsync(customer, ticket, "waiting for your reply") is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(30), () => "no reminder");

        await AdvanceToAsync(autoCloseAt.AddMinutes(-1));
        await SweepAsync();
        var client = await People.SignInAsync(customer.Email);
        Assert.Equal("awaiting_customer", (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}")).GetProperty("status").GetString());

        await AdvanceToAsync(autoCloseAt.AddMinutes(1));
        await Task.WhenAll(SweepAsync(), SweepAsync());
        await SweepAsync();
        var closed = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}");
        Assert.Equal(("closed", "auto_no_response"), (closed.GetProperty("status").GetString(), closed.GetProperty("closedReason").GetString()));
        Assert.Equal("status_closed", closed.GetProperty("messages").EnumerateArray().Last().GetProperty("event").GetString());
        Assert.True(closed.TryGetProperty("reopenUntil", out _));

        var closeMails = await Eventually.ValueAsync(async () => await MailsAsync(customer, ticket, "closed: no reply") is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(30), () => "no auto-close mail");
        await DrainAsync();
        Assert.Single(await MailsAsync(customer, ticket, "closed: no reply"));
        Assert.Single(await MailsAsync(customer, ticket, "waiting for your reply"));
        Assert.Contains($"/tickets/{ticket}", closeMails[0], StringComparison.Ordinal);
        Assert.Single(reminders);

        var open = await client.GetFromJsonAsync<JsonElement>("/api/tickets");
        Assert.DoesNotContain(ticket, open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        var resolved = await client.GetFromJsonAsync<JsonElement>("/api/tickets?resolved=true");
        Assert.Contains(ticket, resolved.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        using var agent = await People.StaffAsync("Support.Agent");
        var queue = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?q={ticket}");
        Assert.Empty(queue.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_customer_answer_in_between_cancels_the_close()
    {
        var (customer, ticket, autoCloseAt) = await AwaitingAsync();
        using (var answer = await customer.Client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { body = "Here it is." }))
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }
        using var agent = await People.StaffAsync("Support.Agent");
        await DeskClient.QueueRowAsync(agent, ticket, row => row.GetProperty("status").GetString() == "open");

        await AdvanceToAsync(autoCloseAt.AddHours(1));
        await SweepAsync();

        var client = await People.SignInAsync(customer.Email);
        Assert.Equal("open", (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reply_racing_the_sweep_is_either_kept_on_an_open_ticket_or_refused_on_a_closed_one()
    {
        var (customer, ticket, autoCloseAt) = await AwaitingAsync();
        await AdvanceToAsync(autoCloseAt.AddMinutes(1));
        var client = await People.SignInAsync(customer.Email);

        var reply = client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { body = "Racing the sweep" });
        await Task.WhenAll(reply, SweepAsync());
        using var answered = await reply;
        await SweepAsync();

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}");
        var kept = view.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("body").GetString() == "Racing the sweep");
        if (answered.StatusCode == HttpStatusCode.Created)
        {
            Assert.True(kept);
            Assert.Equal("open", view.GetProperty("status").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
            Assert.False(kept);
            Assert.Equal("closed", view.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_closed_ticket_reopens_within_the_window_and_after_it_offers_a_linked_follow_up()
    {
        var (customer, ticket, autoCloseAt) = await AwaitingAsync();
        var (_, second, _) = await AwaitingAsync(customer);
        await AdvanceToAsync(autoCloseAt.AddMinutes(1));
        await SweepAsync();
        var client = await People.SignInAsync(customer.Email);

        using (var reopened = await client.PostAsync($"/api/tickets/{ticket}/reopen", null))
        {
            Assert.Equal("open", (await DeskClient.JsonAsync(reopened, HttpStatusCode.OK)).GetProperty("status").GetString());
        }

        await AdvanceToAsync(autoCloseAt.AddDays(15));
        client = await People.SignInAsync(customer.Email);
        using (var late = await client.PostAsync($"/api/tickets/{second}/reopen", null))
        {
            Assert.Equal("reopen_window_passed", (await DeskClient.JsonAsync(late, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }
        using var followUp = await client.PostAsJsonAsync("/api/tickets", new { subject = "Again: no logs", description = "Still failing.", followUpOf = second });
        var created = await DeskClient.JsonAsync(followUp, HttpStatusCode.Created);
        Assert.Equal(second, created.GetProperty("followUpOf").GetInt64());
        var earlier = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{second}");
        Assert.Equal([created.GetProperty("id").GetInt64()], earlier.GetProperty("followUps").EnumerateArray().Select(f => f.GetInt64()));
        using var agent = await People.StaffAsync("Support.Agent");
        var staffView = await DeskClient.ViewAsync(agent, created.GetProperty("id").GetInt64());
        Assert.Equal(second, staffView.GetProperty("followUpOf").GetInt64());

        var stranger = await People.CustomerAsync();
        using var foreign = await stranger.Client.PostAsJsonAsync("/api/tickets", new { subject = "x", description = "y", followUpOf = second });
        Assert.Equal("follow_up_not_found", (await DeskClient.JsonAsync(foreign, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_solution_mail_answers_with_one_click_once_and_refuses_reused_tampered_and_expired_links()
    {
        var customer = await People.CustomerAsync();
        var (solved, notSolved, expired) = (await _desk.SendAsync(customer, "A"), await _desk.SendAsync(customer, "B"), await _desk.SendAsync(customer, "C"));
        using var agent = await People.StaffAsync("Support.Agent");
        foreach (var ticket in new[] { solved, notSolved, expired })
        {
            await DeskClient.PostAsync(agent, ticket, "solution", $"Restart the service ({ticket}).");
        }
        var links = new Dictionary<long, (string Solved, string NotSolved)>();
        foreach (var ticket in new[] { solved, notSolved, expired })
        {
            var mail = await Eventually.ValueAsync(async () => (await MailsAsync(customer, ticket, "A solution")).FirstOrDefault(), TimeSpan.FromSeconds(30), () => $"no solution mail for {ticket}");
            links[ticket] = (TokenOf(mail, "solved"), TokenOf(mail, "not_solved"));
        }
        using var anonymous = new HttpClient { BaseAddress = _stack.BaseUri };

        using (var yes = await AnswerAsync(anonymous, solved, links[solved].Solved, "solved"))
        {
            Assert.Equal("resolved", (await DeskClient.JsonAsync(yes, HttpStatusCode.OK)).GetProperty("status").GetString());
        }
        using (var again = await AnswerAsync(anonymous, solved, links[solved].Solved, "solved"))
        {
            Assert.Equal("answer_link_used", (await DeskClient.JsonAsync(again, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }
        using (var no = await AnswerAsync(anonymous, notSolved, links[notSolved].NotSolved, "not_solved"))
        {
            Assert.Equal("open", (await DeskClient.JsonAsync(no, HttpStatusCode.OK)).GetProperty("status").GetString());
        }
        var reopened = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{notSolved}");
        Assert.Contains(reopened.GetProperty("messages").EnumerateArray(), m => m.TryGetProperty("event", out var e) && e.GetString() == "solution_rejected");
        var tampered = links[expired].Solved.Replace($".{expired}.", $".{solved}.", StringComparison.Ordinal);
        using (var forged = await AnswerAsync(anonymous, solved, tampered, "solved"))
        {
            Assert.Equal("answer_link_invalid", (await DeskClient.JsonAsync(forged, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        }
        using (var elsewhere = await AnswerAsync(anonymous, notSolved, links[expired].Solved, "solved"))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        await AdvanceToAsync(DateTimeOffset.UtcNow.AddDays(15));
        using (var late = await AnswerAsync(anonymous, expired, links[expired].Solved, "solved"))
        {
            Assert.Equal("answer_link_expired", (await DeskClient.JsonAsync(late, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }
    }

    private static string TokenOf(string mail, string answer)
    {
        var match = System.Text.RegularExpressions.Regex.Match(mail, $@"token=([^&\s]+)&answer={answer}(\s|$)");
        Assert.True(match.Success, $"no {answer} link in:\n{mail}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, long ticket, string token, string answer) =>
        client.PostAsJsonAsync($"/api/tickets/{ticket}/answer", new { token, answer });

    /// <summary>A ticket support asked about; once the queue shows the request, the dispatcher has written its due entries.</summary>
    private async Task<(People.Customer Customer, long Ticket, DateTimeOffset AutoCloseAt)> AwaitingAsync(People.Customer? customer = null)
    {
        customer ??= await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer, "No logs");
        using var agent = await People.StaffAsync("Support.Agent");
        var asked = await DeskClient.PostAsync(agent, ticket, "info_request", "Please send the logs.");
        var autoCloseAt = asked.GetProperty("autoCloseAt").GetDateTimeOffset();
        await DeskClient.QueueRowAsync(agent, ticket, row => row.TryGetProperty("autoCloseAt", out _));
        return (customer, ticket, autoCloseAt);
    }

    private async Task<JsonElement> RowAsync(long ticket)
    {
        using var agent = await People.StaffAsync("Support.Agent");
        return await DeskClient.QueueRowAsync(agent, ticket);
    }

    private async Task<List<string>> MailsAsync(People.Customer customer, long ticket, string subjectPart) =>
        (await People.MailsToAsync(customer.Email)).Where(m => m.Split('\n')[0] is var subject
            && System.Text.RegularExpressions.Regex.IsMatch(subject, $@"#{ticket}\b") && subject.Contains(subjectPart, StringComparison.Ordinal)).ToList();

    private async Task SweepAsync()
    {
        using var run = await _stack.Client.PostAsJsonAsync("/admin/functions/AutoCloseStaleTickets", new { });
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        await DrainAsync();
    }

    private async Task DrainAsync()
    {
        await _stack.DrainQueueAsync("ticket-changes");
        await _stack.DrainQueueAsync("notifications");
    }

    private async Task AdvanceToAsync(DateTimeOffset target)
    {
        var clock = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/clock");
        var by = target - clock.GetProperty("now").GetDateTimeOffset();
        using var moved = await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = by.ToString("c") });
        moved.EnsureSuccessStatusCode();
    }
}
