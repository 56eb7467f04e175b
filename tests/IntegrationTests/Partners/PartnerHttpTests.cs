using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Partners;

/// <summary>The partner API over HTTP: partner records kept by admins, and each partner's certificates kept apart from the others'.</summary>
[Collection(StackCollection.Name)]
public sealed class PartnerHttpTests(SharedStack shared)
{
    private readonly LocalStack _stack = shared.Stack;
    private readonly People _people = new(shared.Stack);
    private readonly PartnerSetup _partners = new(shared.Stack);

    [Fact]
    public async Task A_partner_reads_and_revokes_only_its_own_certificates_and_staff_see_who_issued_them()
    {
        var (a, products) = await _partners.PartnerAsync();
        var (b, _) = await _partners.PartnerAsync();
        var serial = (await _partners.IssueAsync(a, products[0])).GetProperty("serial").GetString()!;

        using (var asB = await b.GetAsync($"/api/partner/v1/certificates/{serial}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, asB.StatusCode);
        }
        using (var revokeAsB = await b.PostAsync($"/api/partner/v1/certificates/{serial}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, revokeAsB.StatusCode);
        }
        using var admin = await _people.StaffAsync("Support.Admin");
        var seenByStaff = await admin.GetFromJsonAsync<JsonElement>($"/api/staff/certificates/{serial}");
        Assert.Equal("active", seenByStaff.GetProperty("state").GetString());
        Assert.Equal("partner", seenByStaff.GetProperty("issuedBy").GetProperty("kind").GetString());
        Assert.Equal(a.PartnerId, seenByStaff.GetProperty("issuedBy").GetProperty("id").GetString());

        var own = await a.GetFromJsonAsync<JsonElement>($"/api/partner/v1/certificates/{serial}");
        Assert.False(own.GetProperty("registered").GetBoolean());
        using var revoked = await a.PostAsync($"/api/partner/v1/certificates/{serial}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await admin.GetFromJsonAsync<JsonElement>($"/api/staff/certificates/{serial}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_partner_cannot_issue_for_a_product_it_does_not_sell()
    {
        var (partner, products) = await _partners.PartnerAsync(sells: 1);
        var allProducts = (await _stack.Client.GetFromJsonAsync<JsonElement>("/api/products")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()!).ToList();
        var notSold = allProducts.First(p => !products.Contains(p));

        using var refused = await partner.PostAsJsonAsync("/api/partner/v1/certificates", PartnerSetup.CertificateBody(notSold));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("product_not_sold", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Customers_partners_without_the_role_unknown_applications_and_agents_are_refused()
    {
        var (partner, products) = await _partners.PartnerAsync();
        var customer = await _people.CustomerAsync();
        using var withoutRole = await _partners.PartnerClientAsync(partner.PartnerId, "Partner.Tickets");
        using var unknown = await _partners.PartnerClientAsync($"nobody{Guid.NewGuid():N}"[..20], "Partner.Certificates");
        using var agent = await _people.StaffAsync("Support.Agent");
        var body = PartnerSetup.CertificateBody(products[0]);

        using (var asCustomer = await customer.Client.PostAsJsonAsync("/api/partner/v1/certificates", body))
        {
            Assert.True(asCustomer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)asCustomer.StatusCode}");
        }
        using (var asAgent = await agent.PostAsJsonAsync("/api/partner/v1/certificates", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        }
        using (var noRole = await withoutRole.PostAsJsonAsync("/api/partner/v1/certificates", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        }
        using (var unknownApplication = await unknown.PostAsJsonAsync("/api/partner/v1/certificates", body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unknownApplication.StatusCode);
            Assert.Equal("unknown_partner", (await unknownApplication.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        using (var agentKeepsPartners = await agent.PutAsJsonAsync($"/api/staff/partners/{partner.PartnerId}", new { name = "Taken over", clientIds = new[] { "x" } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agentKeepsPartners.StatusCode);
        }
        using var partnerKeepsPartners = await partner.GetAsync($"/api/staff/partners/{partner.PartnerId}");
        Assert.Equal(HttpStatusCode.Forbidden, partnerKeepsPartners.StatusCode);
    }

    [Fact]
    public async Task Admins_keep_partner_records_and_one_application_acts_for_one_partner_only()
    {
        var (partner, products) = await _partners.PartnerAsync();
        using var admin = await _people.StaffAsync("Support.Admin");
        var other = $"p{Guid.NewGuid():N}"[..20];

        using (var unknownProduct = await admin.PutAsJsonAsync($"/api/staff/partners/{other}", new { name = "Other", productIds = new[] { "no-such-product" }, clientIds = new[] { $"app-{other}" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownProduct.StatusCode);
        }
        using (var takenClient = await admin.PutAsJsonAsync($"/api/staff/partners/{other}", new { name = "Other", productIds = products, clientIds = new[] { $"dev-partner-{partner.PartnerId}" } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, takenClient.StatusCode);
        }
        using (var missing = await admin.GetAsync($"/api/staff/partners/{other}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using var renamed = await admin.PutAsJsonAsync($"/api/staff/partners/{partner.PartnerId}",
            new { name = "Renamed reseller", productIds = products, clientIds = new[] { $"dev-partner-{partner.PartnerId}" }, contactEmail = "ops@reseller.example" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/staff/partners");
        var row = listed.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == partner.PartnerId);
        Assert.Equal("Renamed reseller", row.GetProperty("name").GetString());
        Assert.Equal("ops@reseller.example", row.GetProperty("contactEmail").GetString());
    }

    [Fact]
    public async Task One_idempotency_key_issues_once_and_a_different_body_under_it_is_refused()
    {
        var (partner, products) = await _partners.PartnerAsync();
        var key = Guid.NewGuid().ToString("N");

        var first = await _partners.IssueAsync(partner, products[0], key);
        var again = await _partners.IssueAsync(partner, products[0], key);
        Assert.Equal(first.GetProperty("serial").GetString(), again.GetProperty("serial").GetString());
        Assert.True(again.GetProperty("activationCodeWithheld").GetBoolean());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/v1/certificates") { Content = JsonContent.Create(PartnerSetup.CertificateBody(products[0], plan: "premium")) };
        request.Headers.Add("Idempotency-Key", key);
        using var different = await partner.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("idempotency_key_reused", (await different.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Each_partner_is_rate_limited_with_RateLimit_headers_and_Retry_After()
    {
        var (partner, _) = await _partners.PartnerAsync();
        var (other, _) = await _partners.PartnerAsync();
        int? limit = null;
        HttpResponseMessage? refused = null;
        // The window is a clock minute: within twice the limit plus one a call is refused, even if a minute turns meanwhile.
        for (var call = 0; refused is null && call < 2 * (limit ?? 1000) + 1; call++)
        {
            var response = await partner.GetAsync("/api/partner/v1/certificates/SF-NONE-NONE-NONE");
            limit ??= int.Parse(response.Headers.GetValues("RateLimit-Limit").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(response.Headers.Contains("RateLimit-Remaining"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                response.Dispose();
            }
        }
        Assert.NotNull(refused);
        using (refused)
        {
            Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
        }
        using var otherPartner = await other.GetAsync("/api/partner/v1/certificates/SF-NONE-NONE-NONE");
        Assert.Equal(HttpStatusCode.NotFound, otherPartner.StatusCode);
    }
}
