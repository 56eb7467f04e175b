using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>
/// Signs people in through the public API only (API.md): customers sign up, confirm from the mail in smtp4dev and sign in;
/// staff get dev tokens; certificates are issued by an admin and registered by the customer.
/// </summary>
public sealed partial class People(LocalStack stack)
{
    private static readonly HttpClient Mail = new();

    public sealed record Customer(string Email, HttpClient Client, string DisplayName);

    public const string Password = "Correct-horse-battery-9";

    public sealed record Certificate(string Id, string Serial, string ProductId, string Priority);

    public async Task<Customer> CustomerAsync(string language = "en")
    {
        var email = $"c{Guid.NewGuid():N}@example.test";
        const string password = Password;
        var name = $"Customer {email[1..7]}";
        using (var signUp = await PostFromOwnAddressAsync("/api/accounts", new { email, password, displayName = name, language }))
        {
            Assert.Equal(202, (int)signUp.StatusCode);
        }
        var token = await Eventually.ValueAsync(() => TokenMailedToAsync(email), TimeSpan.FromSeconds(30), () => $"no verification mail for {email}");
        using (var verify = await PostFromOwnAddressAsync("/api/accounts/verify", new { token }))
        {
            Assert.True(verify.IsSuccessStatusCode, $"verify: {(int)verify.StatusCode} {await verify.Content.ReadAsStringAsync()}");
        }
        return new Customer(email, await SignInAsync(email), name);
    }

    /// <summary>A new session for the customer (after the clock moved past the old one's lifetime, say).</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        using var session = await PostFromOwnAddressAsync("/api/session", new { email, password = Password });
        Assert.True(session.IsSuccessStatusCode, $"session: {(int)session.StatusCode} {await session.Content.ReadAsStringAsync()}");
        return Bearer((await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
    }

    public async Task<HttpClient> StaffAsync(params string[] roles)
    {
        var subject = Guid.NewGuid().ToString("N");
        using var response = await stack.Client.PostAsJsonAsync("/api/dev/tokens",
            new { subject, name = "Anna Agent", email = $"{subject}@staff.test", roles });
        Assert.True(response.IsSuccessStatusCode, $"dev token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Bearer((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
    }

    /// <summary>An admin issues a certificate for the first product on <paramref name="plan"/>; the customer registers it.</summary>
    public async Task<Certificate> CertificateAsync(Customer owner, string plan, DateTimeOffset validFrom, DateTimeOffset validTo)
    {
        using var admin = await StaffAsync("Support.Admin");
        var products = await stack.Client.GetFromJsonAsync<JsonElement>("/api/products");
        if (products.GetProperty("items").GetArrayLength() == 0)
        {
            // The test stack starts empty; the demo data holds the product catalogue.
            using (var seeded = await stack.Client.PostAsync("/admin/seed", null))
            {
                seeded.EnsureSuccessStatusCode();
            }
            products = await stack.Client.GetFromJsonAsync<JsonElement>("/api/products");
        }
        var productId = products.GetProperty("items")[0].GetProperty("id").GetString()!;
        using var issued = await admin.PostAsJsonAsync("/api/staff/certificates", new { productId, plan, validFrom, validTo });
        Assert.True(issued.IsSuccessStatusCode, $"issue: {(int)issued.StatusCode} {await issued.Content.ReadAsStringAsync()}");
        var certificate = await issued.Content.ReadFromJsonAsync<JsonElement>();
        using var registered = await owner.Client.PostAsJsonAsync("/api/me/certificates", new
        {
            serial = certificate.GetProperty("serial").GetString(),
            activationCode = certificate.GetProperty("activationCode").GetString(),
        });
        Assert.True(registered.IsSuccessStatusCode, $"register: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        var mine = await registered.Content.ReadFromJsonAsync<JsonElement>();
        return new Certificate(mine.GetProperty("id").GetString()!, mine.GetProperty("serial").GetString()!, productId, mine.GetProperty("priority").GetString()!);
    }

    public async Task RevokeAsync(Certificate certificate)
    {
        using var admin = await StaffAsync("Support.Admin");
        using var revoked = await admin.PostAsync($"/api/staff/certificates/{certificate.Serial}/revoke", null);
        Assert.True(revoked.IsSuccessStatusCode, $"revoke: {(int)revoked.StatusCode}");
    }

    public async Task<string> DepartmentOfAsync(string productId)
    {
        var products = await stack.Client.GetFromJsonAsync<JsonElement>("/api/products");
        return products.GetProperty("items").EnumerateArray().First(p => p.GetProperty("id").GetString() == productId).GetProperty("departmentId").GetString()!;
    }

    /// <summary>The plain text of every mail smtp4dev holds for <paramref name="email"/>, newest first.</summary>
    public async Task<IReadOnlyList<string>> MailsToAsync(string email)
    {
        var list = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.MailUi, "/api/messages?pageSize=5000"));
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("results");
        var texts = new List<string>();
        foreach (var message in items.EnumerateArray())
        {
            var to = message.GetProperty("to").ToString();
            if (to.Contains(email, StringComparison.OrdinalIgnoreCase))
            {
                var id = message.GetProperty("id").GetString();
                var subject = message.TryGetProperty("subject", out var s) ? s.GetString() : "";
                texts.Add($"{subject}\n{await Mail.GetStringAsync(new Uri(stack.MailUi, $"/api/messages/{id}/plaintext"))}");
            }
        }
        return texts;
    }

    public async Task<string?> TokenMailedToAsync(string email)
    {
        foreach (var text in await MailsToAsync(email))
        {
            if (TokenParameter().Match(text) is { Success: true } match)
            {
                return Uri.UnescapeDataString(match.Groups[1].Value);
            }
        }
        return null;
    }

    /// <summary>Each test customer comes from an address of its own, as real ones do, so the per-client throttles of sign-up and sign-in do not add up across tests.</summary>
    private async Task<HttpResponseMessage> PostFromOwnAddressAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
        return await stack.Client.SendAsync(request);
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = stack.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_\-%.~]+)")]
    private static partial Regex TokenParameter();
}
