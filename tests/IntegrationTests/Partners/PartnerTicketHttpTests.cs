using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Partners;

/// <summary>Tickets partners open for their customers: the customer's account, the certificate, and who may see and answer what.</summary>
[Collection(StackCollection.Name)]
public sealed class PartnerTicketHttpTests(SharedStack shared)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly People _people = new(shared.Stack);
    private readonly PartnerSetup _partners = new(shared.Stack);

    [Fact]
    public async Task A_ticket_for_a_new_customer_invites_them_and_they_find_it_in_the_portal()
    {
        var (partner, products) = await _partners.PartnerAsync();
        var certificate = (await _partners.IssueAsync(partner, products[0])).GetProperty("serial").GetString()!;
        var email = $"n{Guid.NewGuid():N}@customer.test";

        var opened = await OpenAsync(partner, new
        {
            customerEmail = email, customerName = "Мария Новикова", language = "ru", certificateSerial = certificate,
            subject = "Не активируется лицензия", description = "Ошибка 0x80090016 при активации.",
        });
        Assert.Equal("open", opened.GetProperty("status").GetString());
        Assert.Equal(certificate, opened.GetProperty("certificate").GetProperty("serial").GetString());

        var invitation = await Eventually.ValueAsync(async () => await NewestMailToAsync(email), TimeSpan.FromSeconds(30), () => "no invitation mail");
        Assert.Contains("Reseller", invitation, StringComparison.Ordinal);
        Assert.Contains("/reset-password?token=", invitation, StringComparison.Ordinal);
        var token = await _people.TokenMailedToAsync(email);
        using (var chosen = await _stack.Client.PostAsJsonAsync("/api/password-reset/confirm", new { token, newPassword = People.Password }))
        {
            Assert.True(chosen.IsSuccessStatusCode, $"{(int)chosen.StatusCode} {await chosen.Content.ReadAsStringAsync()}");
        }
        using var customer = await _people.SignInAsync(email);
        var mine = await customer.GetFromJsonAsync<JsonElement>("/api/tickets");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == opened.GetProperty("id").GetInt64());
        var certificates = await customer.GetFromJsonAsync<JsonElement>("/api/me/certificates");
        Assert.Contains(certificates.GetProperty("items").EnumerateArray(), c => c.GetProperty("serial").GetString() == certificate);
    }

    [Fact]
    public async Task An_existing_customers_account_is_used_and_never_changed()
    {
        var (partner, _) = await _partners.PartnerAsync();
        var customer = await _people.CustomerAsync();
        var before = await customer.Client.GetFromJsonAsync<JsonElement>("/api/me");
        var mailsBefore = (await _people.MailsToAsync(customer.Email)).Count;

        var opened = await OpenAsync(partner, new
        {
            customerEmail = customer.Email.ToUpperInvariant(), customerName = "Someone Else", language = "ru",
            subject = "Export fails", description = "It stops at 99 %.",
        });

        var after = await customer.Client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(before.GetProperty("displayName").GetString(), after.GetProperty("displayName").GetString());
        Assert.Equal(before.GetProperty("language").GetString(), after.GetProperty("language").GetString());
        using (var stillSignsIn = await _people.SignInAsync(customer.Email)) { }
        var mine = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{opened.GetProperty("id").GetInt64()}");
        Assert.Equal("Export fails", mine.GetProperty("subject").GetString());
        var mailsAfter = await _people.MailsToAsync(customer.Email);
        Assert.DoesNotContain(mailsAfter.Take(mailsAfter.Count - mailsBefore), mail => mail.Contains("/reset-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partner_sees_and_answers_only_tickets_it_opened_and_never_internal_notes()
    {
        var (a, _) = await _partners.PartnerAsync();
        var (b, _) = await _partners.PartnerAsync();
        var customer = await _people.CustomerAsync();
        var opened = await OpenAsync(a, new { customerEmail = customer.Email, subject = "Вопрос по лицензии", description = "Сколько рабочих мест?" });
        var id = opened.GetProperty("id").GetInt64();
        using var own = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject = "My own", description = "x" });
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var agent = await _people.StaffAsync("Support.Agent");
        using (var note = await agent.PostAsJsonAsync($"/api/staff/tickets/{id}/messages", new { body = "Internal: check the contract", kind = "note" }))
        {
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        }
        Assert.Equal(a.PartnerId, (await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets/{id}")).GetProperty("openedByPartner").GetString());

        foreach (var path in new[] { $"/api/partner/v1/tickets/{id}", $"/api/partner/v1/tickets/{ownId}", "/api/partner/v1/tickets/999999999" })
        {
            using var asB = await b.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, asB.StatusCode);
        }
        using (var aOnOwn = await a.GetAsync($"/api/partner/v1/tickets/{ownId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, aOnOwn.StatusCode);
        }
        using (var bPosts = await b.PostAsJsonAsync($"/api/partner/v1/tickets/{id}/messages", new { body = "Hijack" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, bPosts.StatusCode);
        }

        using (var posted = await a.PostAsJsonAsync($"/api/partner/v1/tickets/{id}/messages", new { body = "Двадцать рабочих мест." }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        var seen = await a.GetFromJsonAsync<JsonElement>($"/api/partner/v1/tickets/{id}");
        var bodies = seen.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Contains("Двадцать рабочих мест.", bodies);
        Assert.DoesNotContain("Internal: check the contract", bodies);
        var byCustomer = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        var partnerMessage = byCustomer.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal($"Reseller {a.PartnerId}", partnerMessage.GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_refused_request_creates_no_account_and_another_partners_certificate_is_not_found()
    {
        var (a, products) = await _partners.PartnerAsync();
        var (b, _) = await _partners.PartnerAsync();
        var bsCertificate = (await _partners.IssueAsync(b, products[0])).GetProperty("serial").GetString()!;
        var email = $"r{Guid.NewGuid():N}@customer.test";

        using (var noSubject = await a.PostAsJsonAsync("/api/partner/v1/tickets", new { customerEmail = email, description = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        }
        using (var badEmail = await a.PostAsJsonAsync("/api/partner/v1/tickets", new { customerEmail = "not-an-address", subject = "s", description = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        }
        using (var foreign = await a.PostAsJsonAsync("/api/partner/v1/tickets", new { customerEmail = email, certificateSerial = bsCertificate, subject = "s", description = "x" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        // The address was never given an account: a sign-up with it goes through as for any new address.
        using var signUp = await _stack.Client.PostAsJsonAsync("/api/accounts", new { email, password = People.Password, displayName = "Real owner", language = "en" });
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var mail = await Eventually.ValueAsync(async () => await NewestMailToAsync(email), TimeSpan.FromSeconds(30), () => "no mail");
        Assert.Contains("Confirm", mail, StringComparison.Ordinal);
    }

    private async Task<string?> NewestMailToAsync(string email) => await _people.MailsToAsync(email) is { Count: > 0 } mails ? mails[0] : null;

    private static async Task<JsonElement> OpenAsync(HttpClient partner, object body)
    {
        using var response = await partner.PostAsJsonAsync("/api/partner/v1/tickets", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
