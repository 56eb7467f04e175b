using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Desk;

/// <summary>The staff desk over HTTP against the real DevHost and Azurite: who may do what, the queue, a ticket at work.</summary>
[Collection(StackCollection.Name)]
public sealed class DeskHttpTests(SharedStack shared, ITestOutputHelper output)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly DeskClient _desk = new(shared.Stack);
    private People People => _desk.People;

    [Fact]
    public async Task Customers_are_refused_on_staff_routes_and_agents_on_admin_routes()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        using var admin = await People.StaffAsync("Support.Admin");
        using var anonymous = new HttpClient { BaseAddress = _stack.BaseUri };

        foreach (var path in new[] { "/api/staff/tickets", $"/api/staff/tickets/{ticket}", "/api/staff/agents", "/api/staff/me", "/api/staff/saved-replies" })
        {
            using var asCustomer = await customer.Client.GetAsync(path);
            Assert.True(asCustomer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path}: {(int)asCustomer.StatusCode}");
            using var asNobody = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
        }
        using (var customerPost = await customer.Client.PostAsJsonAsync($"/api/staff/tickets/{ticket}/messages", new { body = "I am staff", kind = "reply" }))
        {
            Assert.True(customerPost.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }
        var reply = new { id = "test-reply", departmentId = "all", language = "en", title = "Hi", body = "Hello {{customerName}}" };
        using (var agentAdds = await agent.PostAsJsonAsync("/api/staff/saved-replies", reply))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agentAdds.StatusCode);
        }
        using (var agentAddsDepartment = await agent.PostAsJsonAsync("/api/staff/departments", new { id = "x", names = new { ru = "x", en = "x" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agentAddsDepartment.StatusCode);
        }
        using (var adminAdds = await admin.PostAsJsonAsync("/api/staff/saved-replies", reply))
        {
            Assert.Equal(HttpStatusCode.Created, adminAdds.StatusCode);
        }
        using var agentView = await agent.GetAsync($"/api/staff/tickets/{ticket}");
        Assert.Equal(HttpStatusCode.OK, agentView.StatusCode);
        using var unknown = await agent.GetAsync("/api/staff/tickets/999999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_queue_puts_higher_priority_first_then_the_longest_waiting_and_filters_and_counts()
    {
        var (certificateOwner, other) = (await People.CustomerAsync(), await People.CustomerAsync());
        var premium = await People.CertificateAsync(certificateOwner, "premium", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var department = await People.DepartmentOfAsync(premium.ProductId);
        var first = await _desk.SendAsync(certificateOwner, "Первый", premium.Id);
        var second = await _desk.SendAsync(other, "Без сертификата");
        var third = await _desk.SendAsync(certificateOwner, "Второй", premium.Id);
        using var agent = await People.StaffAsync("Support.Agent");
        await DeskClient.QueueRowAsync(agent, third);
        await DeskClient.QueueRowAsync(agent, second);

        var page = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?department={department}&limit=200");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(first) >= 0 && ids.IndexOf(first) < ids.IndexOf(third), "the longer-waiting ticket of one priority comes first");
        Assert.DoesNotContain(second, ids);
        var priorities = page.GetProperty("items").EnumerateArray().Select(i => PriorityRank(i.GetProperty("priority").GetString()!)).ToList();
        Assert.Equal(priorities.Order(), priorities);
        Assert.True(page.GetProperty("counts").GetProperty("byStatus").GetProperty("open").GetInt32() >= 2);

        var all = await agent.GetFromJsonAsync<JsonElement>("/api/staff/tickets?limit=200");
        var allIds = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.True(allIds.IndexOf(first) < allIds.IndexOf(second), "a premium ticket comes before a ticket without a certificate");
        var row = all.GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetInt64() == first);
        Assert.Equal(certificateOwner.Email, row.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(premium.Serial, row.GetProperty("certificate").GetProperty("serial").GetString());
        Assert.True(row.TryGetProperty("firstResponseDueAt", out _));

        var minimal = await agent.GetFromJsonAsync<JsonElement>("/api/staff/tickets?priority=minimal&limit=200");
        Assert.All(minimal.GetProperty("items").EnumerateArray(), i => Assert.Equal("minimal", i.GetProperty("priority").GetString()));
        var bySubject = await agent.GetFromJsonAsync<JsonElement>("/api/staff/tickets?q=%D0%91%D0%B5%D0%B7%20%D1%81%D0%B5%D1%80%D1%82");
        Assert.Contains(second, bySubject.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        using var badStatus = await agent.GetAsync("/api/staff/tickets?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        using var badCursor = await agent.GetAsync("/api/staff/tickets?cursor=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task Paging_the_queue_shows_each_ticket_once()
    {
        var customer = await People.CustomerAsync();
        var sent = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await _desk.SendAsync(customer, $"Страница {i}"));
        }
        using var agent = await People.StaffAsync("Support.Agent");
        await DeskClient.QueueRowAsync(agent, sent[^1]);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?department=general&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(sent, id => Assert.Contains(id, seen));
    }

    [Fact]
    public async Task An_internal_note_never_reaches_the_customer_their_mail_or_their_export()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        await DeskClient.PostAsync(agent, ticket, "note", "Internal: customer is on an old build");
        await DeskClient.PostAsync(agent, ticket, "reply", "We are on it.");

        var staffView = await DeskClient.ViewAsync(agent, ticket);
        var note = staffView.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("body").GetString()!.StartsWith("Internal", StringComparison.Ordinal));
        Assert.True(note.GetProperty("internal").GetBoolean());
        await Eventually.ValueAsync(async () => (await People.MailsToAsync(customer.Email)).FirstOrDefault(m => m.Contains("We are on it.", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => "no reply mail");

        var customerView = await customer.Client.GetStringAsync($"/api/tickets/{ticket}");
        var export = await customer.Client.GetStringAsync("/api/me/export");
        var mails = string.Join("\n", await People.MailsToAsync(customer.Email));
        Assert.DoesNotContain("old build", customerView, StringComparison.Ordinal);
        Assert.DoesNotContain("old build", export, StringComparison.Ordinal);
        Assert.DoesNotContain("old build", mails, StringComparison.Ordinal);
        Assert.Contains("We are on it.", customerView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_information_request_waits_for_the_customer_whose_answer_puts_the_ticket_back_in_the_queue()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        var created = await DeskClient.QueueRowAsync(agent, ticket);

        var asked = await DeskClient.PostAsync(agent, ticket, "info_request", "Which version do you run?");
        Assert.Equal("awaiting_customer", asked.GetProperty("status").GetString());
        var mine = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}");
        Assert.Equal("awaiting_customer", mine.GetProperty("status").GetString());
        Assert.True(mine.GetProperty("autoCloseAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(1));
        await DeskClient.QueueRowAsync(agent, ticket, row => row.GetProperty("status").GetString() == "awaiting_customer" && row.TryGetProperty("autoCloseAt", out _));

        using (var answer = await customer.Client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { body = "5.2.3" }))
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }
        var back = await DeskClient.QueueRowAsync(agent, ticket, row => row.GetProperty("status").GetString() == "open");
        Assert.True(back.GetProperty("waitingSince").GetDateTimeOffset() > created.GetProperty("waitingSince").GetDateTimeOffset());
        Assert.False(back.TryGetProperty("autoCloseAt", out _));
        var view = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}");
        Assert.False(view.TryGetProperty("autoCloseAt", out _));
    }

    [Fact]
    public async Task A_patch_needs_If_Match_one_of_two_with_the_same_ETag_wins_and_every_change_is_audited()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        using var other = await People.StaffAsync("Support.Agent");
        await agent.GetAsync("/api/staff/me");
        var view = await DeskClient.ViewAsync(agent, ticket);
        var etag = view.GetProperty("etag").GetString()!;

        using (var withoutIfMatch = await DeskClient.PatchAsync(agent, ticket, new { priority = "high" }, null))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
            Assert.Equal("if_match_required", (await withoutIfMatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        using var firstPatch = await DeskClient.PatchAsync(agent, ticket, new { priority = "high", type = "incident" }, etag);
        using var secondPatch = await DeskClient.PatchAsync(other, ticket, new { priority = "low" }, etag);
        Assert.Equal(HttpStatusCode.OK, firstPatch.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, secondPatch.StatusCode);
        Assert.Equal("stale_version", (await secondPatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var me = await agent.GetFromJsonAsync<JsonElement>("/api/staff/me");
        var changed = await firstPatch.Content.ReadFromJsonAsync<JsonElement>();
        using (var assign = await DeskClient.PatchAsync(agent, ticket, new { assigneeId = me.GetProperty("id").GetString(), status = "in_progress" }, changed.GetProperty("etag").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        }
        using (var invalid = await DeskClient.PatchAsync(agent, ticket, new { priority = "urgent", departmentId = "nowhere", assigneeId = "nobody" }, "*"))
        {
            var problem = await DeskClient.JsonAsync(invalid, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("departmentId", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("assigneeId", out _));
        }

        var audited = await DeskClient.ViewAsync(agent, ticket);
        var trail = audited.GetProperty("audit").EnumerateArray()
            .Select(a => (a.GetProperty("field").GetString()!, Text(a, "from"), Text(a, "to")))
            .ToList();
        Assert.Equal([("priority", "minimal", "high"), ("type", "question", "incident"), ("assignee", null, "Anna Agent"), ("status", "open", "in_progress")], trail);
        Assert.All(audited.GetProperty("audit").EnumerateArray(), a => Assert.Equal("staff", a.GetProperty("actor").GetProperty("kind").GetString()));
        Assert.Equal("in_progress", audited.GetProperty("status").GetString());
        Assert.Equal("Anna Agent", audited.GetProperty("assignee").GetProperty("name").GetString());
        await DeskClient.QueueRowAsync(agent, ticket, row => row.GetProperty("priority").GetString() == "high" && row.TryGetProperty("assignee", out _));
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/staff/tickets?assignee=me&limit=200");
        Assert.Contains(ticket, mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_post_sent_with_a_stale_ETag_is_held_back_so_the_agent_sees_what_changed()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        var opened = (await DeskClient.ViewAsync(agent, ticket)).GetProperty("etag").GetString()!;
        using (var more = await customer.Client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { body = "It also crashes at night." }))
        {
            Assert.Equal(HttpStatusCode.Created, more.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/tickets/{ticket}/messages") { Content = JsonContent.Create(new { body = "Solved?", kind = "solution" }) };
        request.Headers.TryAddWithoutValidation("If-Match", opened);
        using var stale = await agent.SendAsync(request);

        Assert.Equal("ticket_changed", (await DeskClient.JsonAsync(stale, HttpStatusCode.PreconditionFailed)).GetProperty("code").GetString());
        var view = await DeskClient.ViewAsync(agent, ticket);
        Assert.DoesNotContain(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("body").GetString() == "Solved?");
    }

    [Fact]
    public async Task The_ticket_at_work_shows_the_customer_their_certificates_and_other_open_tickets()
    {
        var customer = await People.CustomerAsync();
        var certificate = await People.CertificateAsync(customer, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var earlier = await _desk.SendAsync(customer, "Earlier one");
        var ticket = await _desk.SendAsync(customer, "With certificate", certificate.Id);
        using var agent = await People.StaffAsync("Support.Agent");

        var view = await DeskClient.ViewAsync(agent, ticket);
        var panel = view.GetProperty("customer");
        Assert.Equal(customer.Email, panel.GetProperty("email").GetString());
        Assert.Equal(customer.DisplayName, panel.GetProperty("name").GetString());
        var registered = Assert.Single(panel.GetProperty("certificates").EnumerateArray());
        Assert.Equal((certificate.Serial, "active"), (registered.GetProperty("serial").GetString(), registered.GetProperty("state").GetString()));
        Assert.Equal([earlier], panel.GetProperty("openTickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.True(view.GetProperty("version").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_assignee_is_mailed_when_the_customer_answers_unless_they_turned_it_off()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        var subject = Guid.NewGuid().ToString("N");
        using var agent = await DevTokenAsync(subject);
        var etag = (await DeskClient.ViewAsync(agent, ticket)).GetProperty("etag").GetString();
        using (var assign = await DeskClient.PatchAsync(agent, ticket, new { assigneeId = subject }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        }

        await ReplyAsync(customer, ticket, "First answer");
        var mail = await Eventually.ValueAsync(async () => (await People.MailsToAsync($"{subject}@staff.test")).FirstOrDefault(m => m.Contains("First answer", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => "the assignee was not mailed");
        Assert.Contains($"/desk/tickets/{ticket}", mail, StringComparison.Ordinal);

        using (var off = await agent.PatchAsJsonAsync("/api/staff/me", new { notifyOnCustomerReply = false }))
        {
            Assert.False((await DeskClient.JsonAsync(off, HttpStatusCode.OK)).GetProperty("notifyOnCustomerReply").GetBoolean());
        }
        await ReplyAsync(customer, ticket, "Second answer");
        await _stack.DrainQueueAsync("ticket-changes");
        await _stack.DrainQueueAsync("notifications");
        Assert.DoesNotContain(await People.MailsToAsync($"{subject}@staff.test"), m => m.Contains("Second answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_attach_files_through_the_same_direct_uploads_and_download_them()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        using var slot = await agent.PostAsJsonAsync("/api/staff/uploads", new { ticketId = ticket, fileName = "fix.png", contentType = "image/png", size = Files.Png.Length });
        var grant = await DeskClient.JsonAsync(slot, HttpStatusCode.Created);
        using var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(Files.Png) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using (var blobs = new HttpClient())
        using (var stored = await blobs.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/tickets/{ticket}/messages")
        {
            Content = JsonContent.Create(new { body = "See the screenshot.", kind = "reply", attachmentIds = new[] { grant.GetProperty("uploadId").GetString() } }),
        };
        using var posted = await agent.SendAsync(request);
        await DeskClient.JsonAsync(posted, HttpStatusCode.Created);

        var mine = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}");
        var attachment = mine.GetProperty("messages").EnumerateArray().SelectMany(m => m.GetProperty("attachments").EnumerateArray()).Single();
        Assert.Equal("fix.png", attachment.GetProperty("fileName").GetString());
        var link = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets/{ticket}/attachments/{attachment.GetProperty("id").GetString()}?as=json");
        using var blobClient = new HttpClient();
        Assert.Equal(Files.Png, await blobClient.GetByteArrayAsync(link.GetProperty("url").GetString()));
        using var foreign = await agent.PostAsJsonAsync("/api/staff/uploads", new { ticketId = 999999999, fileName = "x.png", contentType = "image/png", size = 10 });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Storage_round_trips_of_the_desk_stay_within_the_budgets()
    {
        var customer = await People.CustomerAsync();
        var ticket = await _desk.SendAsync(customer);
        using var agent = await People.StaffAsync("Support.Agent");
        await DeskClient.QueueRowAsync(agent, ticket);
        await DeskClient.ViewAsync(agent, ticket);
        await agent.GetAsync("/api/staff/tickets?department=general");

        var queue = await RoundTripsAsync(() => agent.GetAsync("/api/staff/tickets?department=general"));
        var view = await RoundTripsAsync(() => agent.GetAsync($"/api/staff/tickets/{ticket}"));
        var reply = await RoundTripsAsync(async () => await DeskClient.PostAsync(agent, ticket, "reply", "Looking."));
        var etag = (await DeskClient.ViewAsync(agent, ticket)).GetProperty("etag").GetString();
        var patch = await RoundTripsAsync(() => DeskClient.PatchAsync(agent, ticket, new { priority = "high" }, etag));

        output.WriteLine($"storage round trips: queue page {queue}, staff view {view}, staff reply {reply}, patch {patch}");
        Assert.Equal(1, queue);
        // Four reads at once: the ticket with its thread, the customer's newest open tickets, their account and certificates.
        Assert.InRange(view, 1, 4);
        Assert.InRange(reply, 1, 4);
        Assert.InRange(patch, 1, 4);
    }

    [Fact]
    public async Task The_customer_panel_lists_the_customers_ten_newest_other_open_tickets()
    {
        var customer = await People.CustomerAsync();
        var sent = new List<long>();
        for (var i = 0; i < 13; i++)
        {
            sent.Add(await _desk.SendAsync(customer, $"Вопрос {i}"));
        }
        using var agent = await People.StaffAsync("Support.Agent");

        var view = await DeskClient.ViewAsync(agent, sent[0]);

        var others = view.GetProperty("customer").GetProperty("openTickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(sent.Skip(1).Reverse().Take(10), others);
    }

    /// <summary>Storage requests the HTTP request made (the counter keeps the dispatcher's and the mail's work apart).</summary>
    private async Task<long> RoundTripsAsync(Func<Task> action)
    {
        using (await _stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        await action();
        var counted = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/storage/round-trips");
        return counted.GetProperty("count").GetInt64();
    }


    private static async Task ReplyAsync(People.Customer customer, long ticket, string body)
    {
        using var reply = await customer.Client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { body });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
    }

    private async Task<HttpClient> DevTokenAsync(string subject)
    {
        using var response = await _stack.Client.PostAsJsonAsync("/api/dev/tokens", new { subject, name = "Assigned Agent", email = $"{subject}@staff.test", roles = new[] { "Support.Agent" } });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = _stack.BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await client.GetAsync("/api/staff/me");
        return client;
    }

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static int PriorityRank(string priority) => Array.IndexOf(["critical", "high", "normal", "low", "minimal"], priority);
}
