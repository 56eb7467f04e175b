using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Certificates;
using SupportFunctions.IntegrationTests.Desk;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Partners;
using SupportFunctions.IntegrationTests.Tickets;
using SupportFunctions.Resilience.Load;

namespace SupportFunctions.Resilience.Concurrency;

/// <summary>Two parties changing one thing at the same moment: exactly one outcome, and each party is told which.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class ConcurrencyTests(ResilienceStack fixture) : IAsyncLifetime
{
    private readonly LocalStack _stack = fixture.Stack;
    private readonly DeskClient _desk = new(fixture.Stack);
    private People People => _desk.People;

    public async Task InitializeAsync() => await _stack.Client.DeleteAsync("/admin/clock");

    public async Task DisposeAsync() => await _stack.Client.DeleteAsync("/admin/clock");

    [Fact]
    public async Task Customer_replies_racing_the_auto_close_sweep_each_end_in_a_kept_reply_on_an_open_ticket_or_a_refusal_on_a_closed_one()
    {
        var customer = await People.CustomerAsync();
        using var agent = await People.StaffAsync("Support.Agent");
        var tickets = new List<(long Id, DateTimeOffset AutoCloseAt)>();
        for (var i = 0; i < 6; i++)
        {
            var id = await _desk.SendAsync(customer, $"Race {i}");
            var asked = await DeskClient.PostAsync(agent, id, "info_request", "Please send the logs.");
            tickets.Add((id, asked.GetProperty("autoCloseAt").GetDateTimeOffset()));
            await DeskClient.QueueRowAsync(agent, id, row => row.TryGetProperty("autoCloseAt", out _));
        }
        await AdvanceToAsync(tickets.Max(t => t.AutoCloseAt).AddMinutes(1));
        var client = await People.SignInAsync(customer.Email);

        var replies = tickets.Select(t => client.PostAsJsonAsync($"/api/tickets/{t.Id}/messages", new { body = $"Logs for {t.Id}" })).ToList();
        await Task.WhenAll(Task.WhenAll(replies), _stack.RunFunctionAsync("AutoCloseStaleTickets"));
        await _stack.RunFunctionAsync("AutoCloseStaleTickets");

        using var laterAgent = await People.StaffAsync("Support.Agent");
        foreach (var ((id, _), reply) in tickets.Zip(replies))
        {
            using var answered = await reply;
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
            var kept = view.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("body").GetString() == $"Logs for {id}");
            var status = view.GetProperty("status").GetString();
            if (answered.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal((1, "open"), (kept, status));
            }
            else
            {
                var problem = await AccountsProblemAsync(answered, HttpStatusCode.Conflict);
                Assert.Equal(("ticket_closed", 0, "closed", "auto_no_response"),
                    (problem.GetProperty("code").GetString(), kept, status, view.GetProperty("closedReason").GetString()));
            }
            var version = view.GetProperty("version").GetInt32();
            await DeskClient.QueueRowAsync(laterAgent, id, row => row.GetProperty("version").GetInt32() == version && row.GetProperty("status").GetString() == status);
        }
    }

    [Fact]
    public async Task Two_agents_changing_one_ticket_from_the_same_version_one_wins_and_the_other_is_told_412()
    {
        var customer = await People.CustomerAsync();
        var id = await _desk.SendAsync(customer);
        using var first = await People.StaffAsync("Support.Agent");
        using var second = await People.StaffAsync("Support.Agent");
        var etag = (await DeskClient.ViewAsync(first, id)).GetProperty("etag").GetString();

        var changes = await Task.WhenAll(
            DeskClient.PatchAsync(first, id, new { priority = "high" }, etag),
            DeskClient.PatchAsync(second, id, new { priority = "low" }, etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], changes.Select(c => c.StatusCode).Order());
        var loser = changes.Single(c => c.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal("stale_version", (await AccountsProblemAsync(loser, HttpStatusCode.PreconditionFailed)).GetProperty("code").GetString());
        var winner = changes.Single(c => c.StatusCode == HttpStatusCode.OK);
        var won = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetString();
        var view = await DeskClient.ViewAsync(first, id);
        Assert.Equal(won, view.GetProperty("priority").GetString());
        Assert.Single(view.GetProperty("audit").EnumerateArray(), a => a.GetProperty("field").GetString() == "priority");
        foreach (var change in changes)
        {
            change.Dispose();
        }
    }

    [Fact]
    public async Task Two_customers_registering_one_certificate_at_once_exactly_one_gets_it()
    {
        var staff = new StaffClient(_stack);
        await staff.EnsureCatalogueAsync();
        var issued = await staff.IssueAsync();
        var claim = new { serial = issued.GetProperty("serial").GetString(), activationCode = issued.GetProperty("activationCode").GetString() };
        var customers = await Task.WhenAll(People.CustomerAsync(), People.CustomerAsync());

        var answers = await Task.WhenAll(customers.Select(c => c.Client.PostAsJsonAsync("/api/me/certificates", claim)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], answers.Select(a => a.StatusCode).Order());
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Equal("certificate_already_registered", (await AccountsProblemAsync(refused, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        var holders = 0;
        foreach (var customer in customers)
        {
            var mine = await customer.Client.GetFromJsonAsync<JsonElement>("/api/me/certificates");
            holders += mine.GetProperty("items").EnumerateArray().Count(c => c.GetProperty("serial").GetString() == claim.serial);
        }
        Assert.Equal(1, holders);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_partner_and_the_customer_writing_to_one_ticket_at_once_both_land_once_each_in_the_order_each_wrote()
    {
        var customer = await People.CustomerAsync();
        var (partner, _) = await new PartnerSetup(_stack).PartnerAsync();
        using var opened = await partner.PostAsJsonAsync("/api/partner/v1/tickets",
            new { customerEmail = customer.Email, subject = "Licence server down", description = "Since this morning." });
        var id = (await DeskClient.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetInt64();

        await Task.WhenAll(
            WriteAsync(partner, $"/api/partner/v1/tickets/{id}/messages", "partner"),
            WriteAsync(customer.Client, $"/api/tickets/{id}/messages", "customer"));

        var thread = (await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}")).GetProperty("messages").EnumerateArray().ToList();
        foreach (var writer in new[] { "partner", "customer" })
        {
            var written = thread.Select(m => m.GetProperty("body").GetString()).Where(b => b!.StartsWith($"{writer} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(1, 4).Select(n => $"{writer} {n}"), written);
        }
        Assert.Equal(thread.Select(m => m.GetProperty("id").GetInt32()).Order(), thread.Select(m => m.GetProperty("id").GetInt32()));
        Assert.Equal(thread.Select(m => m.GetProperty("createdAt").GetDateTimeOffset()).Order(), thread.Select(m => m.GetProperty("createdAt").GetDateTimeOffset()));
        var partnerView = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/v1/tickets/{id}");
        Assert.Equal(thread.Select(m => m.GetProperty("body").GetString()),
            partnerView.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        partner.Dispose();
    }

    /// <summary>Four messages one after another, each answered 201 before the next.</summary>
    private static async Task WriteAsync(HttpClient writer, string path, string name)
    {
        for (var n = 1; n <= 4; n++)
        {
            using var posted = await writer.PostAsJsonAsync(path, new { body = $"{name} {n}" });
            Assert.True(posted.StatusCode == HttpStatusCode.Created, $"{name} {n}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        }
    }

    private static Task<JsonElement> AccountsProblemAsync(HttpResponseMessage response, HttpStatusCode status) =>
        IntegrationTests.Accounts.AccountsClient.ProblemAsync(response, status);

    private async Task AdvanceToAsync(DateTimeOffset target)
    {
        var clock = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/clock");
        var by = target - clock.GetProperty("now").GetDateTimeOffset();
        using var moved = await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = by.ToString("c") });
        moved.EnsureSuccessStatusCode();
    }
}
