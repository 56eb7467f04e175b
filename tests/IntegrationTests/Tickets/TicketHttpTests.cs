using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>The customer's tickets through HTTP on the shared stack (they move its clock, so they run serially with it).</summary>
[Collection(StackCollection.Name)]
public sealed class TicketHttpTests(SharedStack shared, ITestOutputHelper output)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly People _people = new(shared.Stack);
    private static readonly HttpClient Anonymous = new();

    private static object Draft(string subject = "The app crashes on start", string? certificateId = null, string[]? attachmentIds = null) => new
    {
        certificateId,
        subject,
        description = "After the update the app closes right after the splash screen.\nEvery time.",
        osVersion = "Windows 11 23H2",
        productVersions = "Client 5.2.1, Server 5.2.0",
        attachmentIds,
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> SendAsync(People.Customer customer, object draft)
    {
        using var response = await customer.Client.PostAsJsonAsync("/api/tickets", draft);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    private static async Task<JsonElement> ListAsync(People.Customer customer, bool resolved = false)
    {
        using var response = await customer.Client.GetAsync($"/api/tickets?resolved={(resolved ? "true" : "false")}&limit=200");
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task A_ticket_without_a_certificate_gets_minimal_priority_in_the_general_queue()
    {
        var customer = await _people.CustomerAsync();

        var ticket = await SendAsync(customer, Draft());

        Assert.Equal("minimal", ticket.GetProperty("priority").GetString());
        Assert.Equal("general", ticket.GetProperty("department").GetString());
        Assert.Equal("open", ticket.GetProperty("status").GetString());
        Assert.False(ticket.TryGetProperty("certificate", out _));
        var first = ticket.GetProperty("messages")[0];
        Assert.Equal("customer", first.GetProperty("author").GetProperty("kind").GetString());
        Assert.Contains("splash screen.\nEvery time.", first.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Windows 11 23H2", ticket.GetProperty("osVersion").GetString());
    }

    [Fact]
    public async Task Priority_and_department_come_from_the_certificate_not_from_the_body()
    {
        var customer = await _people.CustomerAsync();
        var certificate = await _people.CertificateAsync(customer, "premium", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        using var response = await customer.Client.PostAsJsonAsync("/api/tickets", new
        {
            certificateId = certificate.Id,
            subject = "Licence server down",
            description = "Nobody can sign in.",
            priority = "critical",
            department = "vip",
            status = "resolved",
        });
        var ticket = await JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(certificate.Priority, ticket.GetProperty("priority").GetString());
        Assert.Equal(await _people.DepartmentOfAsync(certificate.ProductId), ticket.GetProperty("department").GetString());
        Assert.Equal("open", ticket.GetProperty("status").GetString());
        Assert.Equal(certificate.Serial, ticket.GetProperty("certificate").GetProperty("serial").GetString());
    }

    [Fact]
    public async Task Someone_elses_revoked_or_expired_certificate_is_refused_and_creates_nothing()
    {
        var customer = await _people.CustomerAsync();
        var other = await _people.CustomerAsync();
        var theirs = await _people.CertificateAsync(other, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var revoked = await _people.CertificateAsync(customer, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await _people.RevokeAsync(revoked);
        var expiring = await _people.CertificateAsync(customer, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));

        using (var response = await customer.Client.PostAsJsonAsync("/api/tickets", Draft(certificateId: theirs.Id)))
        {
            Assert.Equal("certificate_not_found", await CodeAsync(response, HttpStatusCode.UnprocessableEntity));
        }
        using (var response = await customer.Client.PostAsJsonAsync("/api/tickets", Draft(certificateId: revoked.Id)))
        {
            Assert.Equal("certificate_revoked", await CodeAsync(response, HttpStatusCode.UnprocessableEntity));
        }
        try
        {
            using (await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = "5.00:00:00" })) { }
            using var later = await _people.SignInAsync(customer.Email);
            using var response = await later.PostAsJsonAsync("/api/tickets", Draft(certificateId: expiring.Id));
            Assert.Equal("certificate_expired", await CodeAsync(response, HttpStatusCode.UnprocessableEntity));
        }
        finally
        {
            using (await _stack.Client.DeleteAsync("/admin/clock")) { }
        }
        Assert.Equal(0, (await ListAsync(customer)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_listing_every_field()
    {
        var customer = await _people.CustomerAsync();

        using var response = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject = " ", description = "", attachmentIds = new[] { "../../etc/passwd" } });
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("subject", fields);
        Assert.Contains("description", fields);
        Assert.Contains("attachmentIds", fields);
        using var anonymous = await Anonymous.PostAsJsonAsync(new Uri(_stack.BaseUri, "/api/tickets"), Draft());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task My_tickets_lists_open_ones_newest_first_and_resolved_ones_behind_the_toggle_with_their_count()
    {
        var customer = await _people.CustomerAsync();
        var first = await SendAsync(customer, Draft("First"));
        var second = await SendAsync(customer, Draft("Second"));
        var third = await SendAsync(customer, Draft("Third"));
        using (var resolve = await customer.Client.PostAsync($"/api/tickets/{second.GetProperty("id")}/resolve", null))
        {
            await JsonAsync(resolve, HttpStatusCode.OK);
        }

        var open = await ListAsync(customer);
        var resolved = await ListAsync(customer, resolved: true);

        Assert.Equal(["Third", "First"], open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()));
        Assert.Equal(1, open.GetProperty("resolvedCount").GetInt32());
        var row = Assert.Single(resolved.GetProperty("items").EnumerateArray());
        Assert.Equal(second.GetProperty("id").GetInt64(), row.GetProperty("id").GetInt64());
        foreach (var column in new[] { "id", "updatedAt", "lastReplier", "department", "type", "status", "priority" })
        {
            Assert.True(row.TryGetProperty(column, out _), column);
        }
        Assert.True(third.GetProperty("id").GetInt64() > first.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task My_tickets_pages_through_every_ticket_once_and_the_last_page_says_nextCursor_null()
    {
        var customer = await _people.CustomerAsync();
        var sent = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await SendAsync(customer, Draft($"Page check {i}"))).GetProperty("id").GetInt64());
        }

        var listed = new List<long>();
        string? cursor = null;
        JsonElement last;
        do
        {
            var query = cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await customer.Client.GetAsync($"/api/tickets?limit=2{query}");
            last = await JsonAsync(response, HttpStatusCode.OK);
            listed.AddRange(last.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            Assert.True(last.TryGetProperty("nextCursor", out var next), "every page answer has nextCursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
        }
        while (cursor is not null && listed.Count <= sent.Count);

        Assert.Equal(sent.OrderDescending(), listed);
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_sent_ticket_is_acknowledged_by_mail_with_its_number_priority_and_when_the_first_answer_is_due()
    {
        var english = await _people.CustomerAsync("en");
        var russian = await _people.CustomerAsync("ru");

        var ticket = await SendAsync(english, Draft());
        var russianTicket = await SendAsync(russian, Draft());

        var id = ticket.GetProperty("id").GetInt64();
        var receipt = await Eventually.ValueAsync(async () => (await _people.MailsToAsync(english.Email)).FirstOrDefault(m => m.Contains("We received your ticket", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => "no acknowledgement mail");
        Assert.Contains($"#{id}", receipt, StringComparison.Ordinal);
        Assert.Contains("Priority: minimal", receipt, StringComparison.Ordinal);
        Assert.Contains("We will answer by", receipt, StringComparison.Ordinal);
        Assert.Contains($"/tickets/{id}", receipt, StringComparison.Ordinal);
        var russianReceipt = await Eventually.ValueAsync(async () => (await _people.MailsToAsync(russian.Email)).FirstOrDefault(m => m.Contains("получено", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => "no acknowledgement mail in Russian");
        Assert.Contains($"№{russianTicket.GetProperty("id").GetInt64()}", russianReceipt, StringComparison.Ordinal);
        Assert.Contains("Мы ответим до", russianReceipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_to_a_ticket_awaiting_the_customer_sends_it_back_to_support_and_the_staff_reply_is_mailed()
    {
        var customer = await _people.CustomerAsync();
        var ticket = await SendAsync(customer, Draft());
        var id = ticket.GetProperty("id").GetInt64();
        using var agent = await _people.StaffAsync("Support.Agent");

        using (var asked = await agent.PostAsJsonAsync($"/api/staff/tickets/{id}/messages", new { kind = "info_request", body = "Please attach the log." }))
        {
            Assert.Equal("awaiting_customer", (await JsonAsync(asked, HttpStatusCode.Created)).GetProperty("status").GetString());
        }
        using (var note = await agent.PostAsJsonAsync($"/api/staff/tickets/{id}/messages", new { kind = "note", body = "Internal: known bug 4711" }))
        {
            await JsonAsync(note, HttpStatusCode.Created);
        }
        using var reply = await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "Here it is." });
        var replied = await JsonAsync(reply, HttpStatusCode.Created);

        Assert.Equal("open", replied.GetProperty("status").GetString());
        var bodies = replied.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Contains("Please attach the log.", bodies);
        Assert.Contains("Here it is.", bodies);
        Assert.DoesNotContain("Internal: known bug 4711", bodies);
        await Eventually.TrueAsync(async () => (await _people.MailsToAsync(customer.Email)).Any(m => m.Contains("Please attach the log.", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), () => "the staff reply was not mailed to the customer");
    }

    [Fact]
    public async Task Resolve_and_reopen_follow_the_rules_and_illegal_moves_are_conflicts_with_a_code()
    {
        var customer = await _people.CustomerAsync();
        var id = (await SendAsync(customer, Draft())).GetProperty("id").GetInt64();

        using (var reopenOpen = await customer.Client.PostAsync($"/api/tickets/{id}/reopen", null))
        {
            Assert.Equal("ticket_not_resolved", await CodeAsync(reopenOpen, HttpStatusCode.Conflict));
        }
        using (var resolve = await customer.Client.PostAsync($"/api/tickets/{id}/resolve", null))
        {
            var resolved = await JsonAsync(resolve, HttpStatusCode.OK);
            Assert.Equal(("resolved", "customer_resolved"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("closedReason").GetString()));
        }
        using (var again = await customer.Client.PostAsync($"/api/tickets/{id}/resolve", null))
        {
            Assert.Equal("ticket_already_resolved", await CodeAsync(again, HttpStatusCode.Conflict));
        }
        try
        {
            using (await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = "45.00:00:00" })) { }
            using var later = await _people.SignInAsync(customer.Email);
            using var reopen = await later.PostAsync($"/api/tickets/{id}/reopen", null);
            Assert.Equal("open", (await JsonAsync(reopen, HttpStatusCode.OK)).GetProperty("status").GetString());
        }
        finally
        {
            using (await _stack.Client.DeleteAsync("/admin/clock")) { }
        }
    }

    [Fact]
    public async Task A_stale_If_Match_is_refused_and_changes_nothing()
    {
        var customer = await _people.CustomerAsync();
        var ticket = await SendAsync(customer, Draft());
        var id = ticket.GetProperty("id").GetInt64();
        var etag = ticket.GetProperty("etag").GetString()!;
        using (await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "first" })) { }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{id}/resolve");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var stale = await customer.Client.SendAsync(request);

        Assert.Equal("ticket_changed", await CodeAsync(stale, HttpStatusCode.PreconditionFailed));
        using var view = await customer.Client.GetAsync($"/api/tickets/{id}");
        Assert.Equal("open", (await JsonAsync(view, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_customers_ticket_and_attachment_answer_404()
    {
        var owner = await _people.CustomerAsync();
        var stranger = await _people.CustomerAsync();
        var uploadId = await UploadAsync(owner, "screen.png", Files.Png);
        var ticket = await SendAsync(owner, Draft(attachmentIds: [uploadId]));
        var id = ticket.GetProperty("id").GetInt64();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/tickets/{id}"),
            (HttpMethod.Post, $"/api/tickets/{id}/resolve"),
            (HttpMethod.Post, $"/api/tickets/{id}/reopen"),
            (HttpMethod.Get, $"/api/tickets/{id}/attachments/{uploadId}"),
            (HttpMethod.Get, "/api/tickets/999999999"),
        })
        {
            using var response = await stranger.Client.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }
        using var reply = await stranger.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "mine now" });
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Equal(0, (await ListAsync(stranger)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Fifty_concurrent_creates_give_fifty_distinct_ids_and_fifty_listed_tickets()
    {
        var customer = await _people.CustomerAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(customer, Draft($"Concurrent {i}"))));

        Assert.Equal(50, created.Select(t => t.GetProperty("id").GetInt64()).Distinct().Count());
        Assert.Equal(50, (await ListAsync(customer)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_replies_to_one_ticket_are_all_kept()
    {
        var customer = await _people.CustomerAsync();
        var id = (await SendAsync(customer, Draft())).GetProperty("id").GetInt64();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = $"Reply {i}" });
            await JsonAsync(response, HttpStatusCode.Created);
        }));

        using var view = await customer.Client.GetAsync($"/api/tickets/{id}");
        var bodies = (await JsonAsync(view, HttpStatusCode.OK)).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.All(Enumerable.Range(0, 10), i => Assert.Contains($"Reply {i}", bodies));
        Assert.Equal(11, bodies.Count);
    }

    [Fact]
    public async Task A_reply_links_its_own_attachment_and_an_upload_links_only_once()
    {
        var customer = await _people.CustomerAsync();
        var id = (await SendAsync(customer, Draft())).GetProperty("id").GetInt64();
        var log = await UploadAsync(customer, "client.log", Files.Log);

        using var reply = await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "The log.", attachmentIds = new[] { log } });
        var replied = await JsonAsync(reply, HttpStatusCode.Created);
        using var again = await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "Again.", attachmentIds = new[] { log } });

        var attachment = replied.GetProperty("messages").EnumerateArray().Last().GetProperty("attachments")[0];
        Assert.Equal(("client.log", "text/plain; charset=utf-8"), (attachment.GetProperty("fileName").GetString(), attachment.GetProperty("contentType").GetString()));
        Assert.Equal("upload_not_found", await CodeAsync(again, HttpStatusCode.UnprocessableEntity));
        using var view = await customer.Client.GetAsync($"/api/tickets/{id}");
        Assert.Equal(2, (await JsonAsync(view, HttpStatusCode.OK)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_replayed_Idempotency_Key_returns_the_first_ticket_and_creates_nothing()
    {
        var customer = await _people.CustomerAsync();
        var key = Guid.NewGuid().ToString();

        async Task<(HttpResponseMessage, JsonElement)> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(Draft()) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await customer.Client.SendAsync(request);
            return (response, await JsonAsync(response, HttpStatusCode.Created));
        }

        var (firstResponse, first) = await PostAsync();
        var (replayResponse, replay) = await PostAsync();

        Assert.Equal(first.GetProperty("id").GetInt64(), replay.GetProperty("id").GetInt64());
        Assert.Equal("true", replayResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await ListAsync(customer)).GetProperty("items").GetArrayLength());
        firstResponse.Dispose();
        replayResponse.Dispose();
    }

    [Fact]
    public async Task An_attachment_is_uploaded_to_blob_storage_linked_on_send_and_downloaded_through_a_checked_redirect()
    {
        var customer = await _people.CustomerAsync();
        var uploadId = await UploadAsync(customer, "экран.png", Files.Png);

        var ticket = await SendAsync(customer, Draft(attachmentIds: [uploadId]));
        var attachment = ticket.GetProperty("messages")[0].GetProperty("attachments")[0];
        Assert.Equal(("экран.png", "image/png", Files.Png.Length),
            (attachment.GetProperty("fileName").GetString(), attachment.GetProperty("contentType").GetString(), attachment.GetProperty("size").GetInt32()));

        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _stack.BaseUri };
        noRedirect.DefaultRequestHeaders.Authorization = customer.Client.DefaultRequestHeaders.Authorization;
        using var redirect = await noRedirect.GetAsync($"/api/tickets/{ticket.GetProperty("id")}/attachments/{uploadId}");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        using var file = await Anonymous.GetAsync(redirect.Headers.Location);
        Assert.Equal(Files.Png, await file.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("attachment;", file.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);

        using var linkedAgain = await customer.Client.PostAsJsonAsync("/api/tickets", Draft(attachmentIds: [uploadId]));
        Assert.Equal("upload_not_found", await CodeAsync(linkedAgain, HttpStatusCode.UnprocessableEntity));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("svg")]
    [InlineData("someone_elses")]
    public async Task A_refused_attachment_refuses_the_whole_ticket_and_links_nothing(string attack)
    {
        var customer = await _people.CustomerAsync();
        var uploadId = attack switch
        {
            "html" => await UploadAsync(customer, "invoice.png", Files.Html),
            "svg" => await UploadAsync(customer, "logo.png", Files.Svg),
            _ => await UploadAsync(await _people.CustomerAsync(), "theirs.png", Files.Png),
        };

        using var response = await customer.Client.PostAsJsonAsync("/api/tickets", Draft(attachmentIds: [uploadId]));

        Assert.Equal(attack == "someone_elses" ? "upload_not_found" : "attachment_type_not_allowed",
            await CodeAsync(response, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(0, (await ListAsync(customer)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_or_of_a_markup_type_is_refused_before_any_link_is_given()
    {
        var customer = await _people.CustomerAsync();

        using var tooBig = await customer.Client.PostAsJsonAsync("/api/uploads", new { fileName = "dump.zip", contentType = "application/zip", size = 26L * 1024 * 1024 });
        using var svg = await customer.Client.PostAsJsonAsync("/api/uploads", new { fileName = "logo.svg", contentType = "image/svg+xml", size = 100 });

        Assert.Equal("attachment_too_large", await CodeAsync(tooBig, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("attachment_type_not_allowed", await CodeAsync(svg, HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Storage_round_trips_per_request_stay_within_the_budgets()
    {
        var customer = await _people.CustomerAsync();
        var certificate = await _people.CertificateAsync(customer, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await SendAsync(customer, Draft());

        // A process reserves ticket ids 20 at a time (hi/lo): one create in 20 also pays 2 for the reservation.
        var creates = new List<long>();
        var createsWithCertificate = new List<long>();
        JsonElement ticket = default;
        for (var i = 0; i < 3; i++)
        {
            creates.Add(await RoundTripsAsync(customer, () => SendAsync(customer, Draft())));
            createsWithCertificate.Add(await RoundTripsAsync(customer, async () => ticket = await SendAsync(customer, Draft(certificateId: certificate.Id))));
        }
        var id = ticket.GetProperty("id").GetInt64();
        var list = await RoundTripsAsync(customer, () => ListAsync(customer));
        var view = await RoundTripsAsync(customer, async () =>
        {
            using var response = await customer.Client.GetAsync($"/api/tickets/{id}");
            await JsonAsync(response, HttpStatusCode.OK);
        });
        var reply = await RoundTripsAsync(customer, async () =>
        {
            using var response = await customer.Client.PostAsJsonAsync($"/api/tickets/{id}/messages", new { body = "More details." });
            await JsonAsync(response, HttpStatusCode.Created);
        });

        output.WriteLine($"storage round trips: create {string.Join("/", creates)}, create with certificate {string.Join("/", createsWithCertificate)}, list {list}, view {view}, reply {reply}");
        Assert.Equal(1, list);
        Assert.Equal(1, view);
        Assert.InRange(createsWithCertificate.Min(), 1, 4);
        Assert.All(createsWithCertificate.Concat(creates), count => Assert.InRange(count, 1, 4 + 2));
        Assert.InRange(reply, 1, 3);
    }

    [Fact]
    public async Task My_tickets_first_page_is_one_point_read_once_kept_and_shows_a_change_at_once()
    {
        var customer = await _people.CustomerAsync();
        var older = (await SendAsync(customer, Draft("Older"))).GetProperty("id").GetInt64();
        var newer = (await SendAsync(customer, Draft("Newer"))).GetProperty("id").GetInt64();
        await KeptPageServesAsync(customer);

        using (var replied = await customer.Client.PostAsJsonAsync($"/api/tickets/{older}/messages", new { body = "It happens again." }))
        {
            await JsonAsync(replied, HttpStatusCode.Created);
        }
        var rightAfter = await FirstPageAsync(customer, limit: 1);
        Assert.Equal([older], Ids(rightAfter));
        await KeptPageServesAsync(customer);
        var kept = await FirstPageAsync(customer, limit: 1);
        Assert.Equal([older], Ids(kept));
        using var next = await customer.Client.GetAsync($"/api/tickets?limit=1&cursor={Uri.EscapeDataString(kept.GetProperty("nextCursor").GetString()!)}");
        var secondPage = await JsonAsync(next, HttpStatusCode.OK);
        Assert.Equal([newer], Ids(secondPage));
        Assert.True(!secondPage.TryGetProperty("nextCursor", out var after) || after.ValueKind == JsonValueKind.Null, "a last page offers no next one");

        static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToArray();
    }

    private static async Task<JsonElement> FirstPageAsync(People.Customer customer, int limit)
    {
        using var response = await customer.Client.GetAsync($"/api/tickets?limit={limit}");
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Waits until the dispatcher has kept the first page: "My tickets" is then one point read, however large the partition.</summary>
    private async Task KeptPageServesAsync(People.Customer customer)
    {
        long roundTrips = 0;
        await Eventually.TrueAsync(async () => (roundTrips = await RoundTripsAsync(customer, () => FirstPageAsync(customer, limit: 50))) == 1,
            TimeSpan.FromSeconds(30), () => $"the first page still took {roundTrips} storage round trips");
    }

    /// <summary>
    /// Storage requests the app made while <paramref name="action"/> ran. The customer's session check is warmed first
    /// (its row check is cached in process for a few seconds), so the figure is what the ticket operation itself costs.
    /// </summary>
    private async Task<long> RoundTripsAsync(People.Customer customer, Func<Task> action)
    {
        using (var warm = await customer.Client.GetAsync("/api/tickets/not-a-number"))
        {
            Assert.Equal(HttpStatusCode.NotFound, warm.StatusCode);
        }
        using (await _stack.Client.PostAsync("/admin/storage/round-trips/reset", null)) { }
        await action();
        var counted = await _stack.Client.GetFromJsonAsync<JsonElement>("/admin/storage/round-trips");
        return counted.GetProperty("count").GetInt64();
    }

    private async Task<string> UploadAsync(People.Customer customer, string fileName, byte[] content)
    {
        using var response = await customer.Client.PostAsJsonAsync("/api/uploads", new { fileName, contentType = "image/png", size = content.Length });
        var grant = await JsonAsync(response, HttpStatusCode.Created);
        using var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(content) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var stored = await Anonymous.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        return grant.GetProperty("uploadId").GetString()!;
    }
}
