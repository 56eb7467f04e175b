using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Accounts;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Certificates;

[Collection(StackCollection.Name)]
public sealed class CertificateRegistrationTests(SharedStack shared) : IDisposable
{
    private readonly StaffClient _staff = new(shared.Stack);
    private readonly Mailbox _mail = new(shared.Stack.MailUi);

    public void Dispose() => _mail.Dispose();

    [Fact]
    public async Task A_customer_previews_registers_and_lists_an_issued_certificate()
    {
        await _staff.EnsureCatalogueAsync();
        var issued = await _staff.IssueAsync("cryptoguard-vpn", "extended");
        var (customer, token) = await CustomerAsync();
        var body = Claim(issued);

        using var preview = await customer.PostAsync("/api/me/certificates/preview?lang=en", body, token);
        var previewed = await preview.Content.ReadFromJsonAsync<JsonElement>();
        using var register = await customer.PostAsync("/api/me/certificates?lang=en", body, token);
        var registered = await register.Content.ReadFromJsonAsync<JsonElement>();
        await shared.Stack.Client.PostAsync("/admin/storage/round-trips/reset", null);
        using var list = await customer.SendAsync(HttpMethod.Get, "/api/me/certificates", token: token);
        var listRoundTrips = (await shared.Stack.GetJsonAsync<JsonElement>("/admin/storage/round-trips")).GetProperty("count").GetInt32();
        var items = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("CryptoGuard VPN Gateway", previewed.GetProperty("productName").GetString());
        Assert.Equal("high", previewed.GetProperty("priority").GetString());
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(issued.GetProperty("serial").GetString(), registered.GetProperty("id").GetString());
        Assert.Equal("active", registered.GetProperty("state").GetString());
        Assert.InRange(registered.GetProperty("daysLeft").GetInt32(), 364, 365);
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal("КриптоСтраж VPN-шлюз", item.GetProperty("productName").GetString());
        Assert.Equal("extended", item.GetProperty("plan").GetString());
        Assert.True(listRoundTrips <= 2, $"listing took {listRoundTrips} storage round trips");
    }

    [Fact]
    public async Task Every_refusal_has_its_own_code_and_an_unknown_serial_looks_like_a_wrong_code()
    {
        await _staff.EnsureCatalogueAsync();
        var now = await _staff.NowAsync();
        var active = await _staff.IssueAsync();
        var expired = await _staff.IssueAsync(validFrom: now.AddDays(-400), validTo: now.AddDays(-1));
        var future = await _staff.IssueAsync(validFrom: now.AddDays(3), validTo: now.AddDays(300));
        var revoked = await _staff.IssueAsync();
        await _staff.SendAsync(HttpMethod.Post, $"/api/staff/certificates/{revoked.GetProperty("serial").GetString()}/revoke",
            await _staff.TokenAsync("Support.Admin"));
        var (owner, ownerToken) = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/me/certificates", Claim(active), ownerToken)).StatusCode);
        var (customer, token) = await CustomerAsync();

        var wrongCode = await ProblemAsync(await customer.PostAsync("/api/me/certificates", new { serial = active.GetProperty("serial").GetString(), activationCode = "AAAA-BBBB-CCCC-DDDD" }, token), HttpStatusCode.UnprocessableEntity);
        var unknown = await ProblemAsync(await customer.PostAsync("/api/me/certificates", new { serial = "0000-0000-0000", activationCode = "AAAA-BBBB-CCCC-DDDD" }, token), HttpStatusCode.UnprocessableEntity);
        var typo = await ProblemAsync(await customer.PostAsync("/api/me/certificates", new { serial = "0000-0000-0001", activationCode = "x" }, token), HttpStatusCode.BadRequest);

        Assert.Equal("certificate_invalid", wrongCode.GetProperty("code").GetString());
        Assert.Equal(wrongCode.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
        Assert.Equal("certificate_invalid", unknown.GetProperty("code").GetString());
        Assert.True(typo.GetProperty("errors").TryGetProperty("serial", out _));
        Assert.Equal("certificate_expired", await CodeAsync(customer, token, expired));
        Assert.Equal("certificate_not_yet_valid", await CodeAsync(customer, token, future));
        Assert.Equal("certificate_revoked", await CodeAsync(customer, token, revoked));
        Assert.Equal("certificate_already_registered", await CodeAsync(customer, token, active));
        Assert.Equal("certificate_already_registered", await CodeAsync(owner, ownerToken, active));
        var list = await (await customer.SendAsync(HttpMethod.Get, "/api/me/certificates", token: token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await customer.PostAsync("/api/me/certificates", Claim(active))).StatusCode);
    }

    [Fact]
    public async Task Of_eight_accounts_claiming_one_certificate_at_once_exactly_one_wins()
    {
        await _staff.EnsureCatalogueAsync();
        var issued = await _staff.IssueAsync();
        var customers = new List<(AccountsClient Client, string Token)>();
        for (var i = 0; i < 8; i++)
        {
            customers.Add(await CustomerAsync());
        }

        var answers = await Task.WhenAll(customers.Select(async c =>
        {
            using var response = await c.Client.PostAsync("/api/me/certificates", Claim(issued), c.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, Code: body.TryGetProperty("code", out var code) ? code.GetString() : null, c.Client, c.Token);
        }));

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal("certificate_already_registered", a.Code));
        foreach (var answer in answers)
        {
            var items = (await (await answer.Client.SendAsync(HttpMethod.Get, "/api/me/certificates", token: answer.Token)).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("items").GetArrayLength();
            Assert.Equal(answer.StatusCode == HttpStatusCode.Created ? 1 : 0, items);
        }
    }

    [Fact]
    public async Task Revoking_a_registered_certificate_shows_in_the_owners_list()
    {
        await _staff.EnsureCatalogueAsync();
        var issued = await _staff.IssueAsync();
        var (customer, token) = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync("/api/me/certificates", Claim(issued), token)).StatusCode);

        using var revoke = await _staff.SendAsync(HttpMethod.Post, $"/api/staff/certificates/{issued.GetProperty("serial").GetString()}/revoke",
            await _staff.TokenAsync("Support.Admin"));
        var item = (await (await customer.SendAsync(HttpMethod.Get, "/api/me/certificates", token: token)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("items")[0];

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", item.GetProperty("state").GetString());
        Assert.Equal(0, item.GetProperty("daysLeft").GetInt32());
    }

    [Fact]
    public async Task Guessing_is_throttled_per_account_even_for_the_right_code_then()
    {
        await _staff.EnsureCatalogueAsync();
        var issued = await _staff.IssueAsync();
        var (customer, token) = await CustomerAsync();
        var guess = new { serial = issued.GetProperty("serial").GetString(), activationCode = "AAAA-AAAA-AAAA-AAAA" };

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await customer.PostAsync("/api/me/certificates", guess, token)).StatusCode);
        }
        using var throttled = await customer.PostAsync("/api/me/certificates", Claim(issued), token);
        var (other, otherToken) = await CustomerAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync("/api/me/certificates", Claim(issued), otherToken)).StatusCode);
    }

    [Fact]
    public async Task Guessing_is_throttled_per_client_across_accounts()
    {
        await _staff.EnsureCatalogueAsync();
        var issued = await _staff.IssueAsync();
        var guess = new { serial = issued.GetProperty("serial").GetString(), activationCode = "AAAA-AAAA-AAAA-AAAA" };
        var address = $"10.250.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var refused = 0;
        for (var account = 0; account < 4 && refused == 0; account++)
        {
            var (customer, token) = await CustomerAsync();
            for (var i = 0; i < 9; i++)
            {
                using var response = await customer.SendAsync(HttpMethod.Post, "/api/me/certificates", JsonSerializer.Serialize(guess), token,
                    new Dictionary<string, string> { ["X-Forwarded-For"] = address });
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused = account * 9 + i;
                    break;
                }
            }
        }

        Assert.Equal(30, refused);
    }

    [Fact]
    public async Task A_customer_session_never_passes_as_staff_and_staff_have_no_customer_certificates()
    {
        var (customer, token) = await CustomerAsync();
        var admin = await _staff.TokenAsync("Support.Admin");
        var body = new { productId = "cryptoguard-csp", plan = "premium", validFrom = DateTimeOffset.UtcNow, validTo = DateTimeOffset.UtcNow.AddDays(30) };

        var asStaff = await ProblemAsync(await customer.PostAsync("/api/staff/certificates", body, token), HttpStatusCode.Forbidden);
        using var staffAsCustomer = await _staff.SendAsync(HttpMethod.Get, "/api/me/certificates", admin);

        Assert.Equal("forbidden", asStaff.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, staffAsCustomer.StatusCode);
    }

    private async Task<(AccountsClient Client, string Token)> CustomerAsync()
    {
        var client = new AccountsClient(shared.Stack);
        var token = await client.RegisterAsync(_mail, AccountsClient.NewEmail("certs"));
        return (client, token);
    }

    private static object Claim(JsonElement issued) =>
        new { serial = issued.GetProperty("serial").GetString(), activationCode = issued.GetProperty("activationCode").GetString() };

    private static async Task<string?> CodeAsync(AccountsClient customer, string token, JsonElement issued) =>
        (await ProblemAsync(await customer.PostAsync("/api/me/certificates", Claim(issued), token), HttpStatusCode.UnprocessableEntity))
            .GetProperty("code").GetString();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            return await AccountsClient.ProblemAsync(response, status);
        }
    }
}
