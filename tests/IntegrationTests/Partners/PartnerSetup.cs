using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Partners;

/// <summary>Partners as the tests meet them: an admin registers one through the API, and it calls with a dev token.</summary>
public sealed class PartnerSetup(LocalStack stack)
{
    private readonly People _people = new(stack);

    /// <summary>An admin registers a new partner selling <paramref name="sells"/> demo products; the partner signs in with a dev token.</summary>
    public async Task<(PartnerClient Client, string[] Products)> PartnerAsync(int sells = 2)
    {
        var products = await ProductsAsync();
        var partnerId = $"p{Guid.NewGuid():N}"[..20];
        var selling = products.Take(sells).ToArray();
        using var admin = await _people.StaffAsync("Support.Admin");
        using var put = await admin.PutAsJsonAsync($"/api/staff/partners/{partnerId}",
            new { name = $"Reseller {partnerId}", productIds = selling, clientIds = new[] { $"dev-partner-{partnerId}" } });
        Assert.True(put.StatusCode == HttpStatusCode.Created, $"{(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        return (await PartnerClientAsync(partnerId, "Partner.Certificates", "Partner.Tickets"), selling);
    }

    public async Task<PartnerClient> PartnerClientAsync(string partnerId, params string[] roles)
    {
        using var response = await stack.Client.PostAsJsonAsync("/api/dev/tokens", new { subject = $"app-{partnerId}", name = partnerId, roles, partnerId });
        Assert.True(response.IsSuccessStatusCode, $"dev token: {(int)response.StatusCode}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new PartnerClient(partnerId) { BaseAddress = stack.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<JsonElement> IssueAsync(HttpClient partner, string productId, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/v1/certificates") { Content = JsonContent.Create(CertificateBody(productId)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await partner.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // Fixed dates: a retry sends the very same body.
    private static readonly DateTimeOffset ValidFrom = DateTimeOffset.UtcNow.Date.AddDays(-1);

    public static object CertificateBody(string productId, string plan = "standard") => new
    {
        productId,
        plan,
        validFrom = ValidFrom,
        validTo = ValidFrom.AddYears(1),
        customerName = "ООО Ромашка",
    };

    public async Task<string[]> ProductsAsync()
    {
        var products = await stack.Client.GetFromJsonAsync<JsonElement>("/api/products");
        if (products.GetProperty("items").GetArrayLength() == 0)
        {
            using (var seeded = await stack.Client.PostAsync("/admin/seed", null))
            {
                seeded.EnsureSuccessStatusCode();
            }
            products = await stack.Client.GetFromJsonAsync<JsonElement>("/api/products");
        }
        return products.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();
    }
}

public sealed class PartnerClient(string partnerId) : HttpClient
{
    public string PartnerId { get; } = partnerId;
}
