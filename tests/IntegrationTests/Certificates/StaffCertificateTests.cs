using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Certificates;

[Collection(StackCollection.Name)]
public sealed class StaffCertificateTests(SharedStack shared)
{
    private readonly StaffClient _staff = new(shared.Stack);

    [Fact]
    public async Task An_admin_issues_a_certificate_and_gets_its_serial_and_activation_code_once()
    {
        var product = await CreateProductAsync();
        var issued = await _staff.IssueAsync(product, "extended");
        var serial = issued.GetProperty("serial").GetString()!;

        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", serial);
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$", issued.GetProperty("activationCode").GetString());
        Assert.Equal("high", issued.GetProperty("priority").GetString());
        Assert.Equal("active", issued.GetProperty("state").GetString());
        Assert.Equal("staff", issued.GetProperty("issuedBy").GetProperty("kind").GetString());

        using var lookup = await _staff.SendAsync(HttpMethod.Get, $"/api/staff/certificates/{serial}", await _staff.TokenAsync("Support.Agent"));
        var stored = await lookup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(product, stored.GetProperty("productId").GetString());
        Assert.False(stored.TryGetProperty("activationCode", out _));
        Assert.False(stored.TryGetProperty("registeredTo", out var owner) && owner.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_retried_issue_with_the_same_idempotency_key_creates_no_second_certificate_and_never_repeats_the_code()
    {
        await _staff.EnsureCatalogueAsync();
        var token = await _staff.TokenAsync("Support.Admin");
        var body = new { productId = "cryptoguard-csp", plan = "premium", validFrom = DateTimeOffset.UtcNow, validTo = DateTimeOffset.UtcNow.AddDays(365) };
        var key = Guid.NewGuid().ToString();

        var first = await IssueWithKeyAsync(token, body, key);
        var retried = await IssueWithKeyAsync(token, body, key);

        Assert.Equal(first.GetProperty("serial").GetString(), retried.GetProperty("serial").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("activationCode").GetString()));
        Assert.False(retried.TryGetProperty("activationCode", out _));
        Assert.True(retried.GetProperty("activationCodeWithheld").GetBoolean());
        var stored = new Azure.Data.Tables.TableClient(shared.Stack.StorageConnectionString, "idempotency")
            .QueryAsync<Azure.Data.Tables.TableEntity>().ToBlockingEnumerable().Select(e => e.GetString("Body") ?? "");
        Assert.DoesNotContain(stored, b => b.Contains(first.GetProperty("activationCode").GetString()!, StringComparison.Ordinal));
    }

    private async Task<JsonElement> IssueWithKeyAsync(string token, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/certificates") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await shared.Stack.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Staff_routes_refuse_the_anonymous_the_wrong_role_partners_and_strangers_tokens()
    {
        var body = new { productId = "cryptoguard-csp", plan = "premium", validFrom = DateTimeOffset.UtcNow, validTo = DateTimeOffset.UtcNow.AddDays(30) };
        var agent = await _staff.TokenAsync("Support.Agent");
        var partner = await _staff.TokenAsync(new { subject = "partner-app", roles = new[] { "Partner.Certificates" }, partnerId = "resellerone" });
        var forged = ForgedToken();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", null, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", agent, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", partner, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", forged, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", "opaque-session-token", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _staff.SendAsync(HttpMethod.Post, "/api/staff/products", agent, new { id = "x1" })).StatusCode);
    }

    [Fact]
    public async Task An_issue_with_bad_fields_lists_every_problem_and_creates_nothing()
    {
        var token = await _staff.TokenAsync("Support.Admin");
        var now = DateTimeOffset.UtcNow;

        using var response = await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", token,
            new { productId = "", plan = "platinum", validFrom = now, validTo = now.AddDays(-1) });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var unknownProduct = await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates", token,
            new { productId = "no-such-product", plan = "basic", validFrom = now, validTo = now.AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("productId", out _));
        Assert.True(errors.TryGetProperty("plan", out _));
        Assert.True(errors.TryGetProperty("validTo", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownProduct.StatusCode);
    }

    [Fact]
    public async Task Revoking_marks_the_certificate_revoked_once_and_unknown_serials_are_404()
    {
        var issued = await _staff.IssueAsync(await CreateProductAsync());
        var serial = issued.GetProperty("serial").GetString()!;
        var admin = await _staff.TokenAsync("Support.Admin");

        using var first = await _staff.SendAsync(HttpMethod.Post, $"/api/staff/certificates/{serial}/revoke", admin);
        var revoked = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await _staff.SendAsync(HttpMethod.Post, $"/api/staff/certificates/{serial}/revoke", admin);
        var revokedAgain = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("revoked", revoked.GetProperty("state").GetString());
        Assert.Equal(revoked.GetProperty("revokedAt").GetString(), revokedAgain.GetProperty("revokedAt").GetString());
        var unknown = await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates/0000-0000-0000/revoke", admin);
        var typo = await _staff.SendAsync(HttpMethod.Post, "/api/staff/certificates/NOT-A-SERIAL/revoke", admin);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, typo.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await _staff.SendAsync(HttpMethod.Post, $"/api/staff/certificates/{serial}/revoke", await _staff.TokenAsync("Support.Agent"))).StatusCode);
    }

    [Fact]
    public async Task The_catalogue_lists_products_by_language_and_refuses_duplicates_and_unknown_departments()
    {
        var product = await CreateProductAsync();
        var admin = await _staff.TokenAsync("Support.Admin");

        var english = await shared.Stack.GetJsonAsync<JsonElement>("/api/products?lang=en");
        var russian = await shared.Stack.GetJsonAsync<JsonElement>("/api/products");
        using var duplicate = await _staff.SendAsync(HttpMethod.Post, "/api/staff/products", admin,
            new { id = product, names = new { ru = "Ещё раз", en = "Again" }, departmentId = "crypto-tests" });
        using var orphan = await _staff.SendAsync(HttpMethod.Post, "/api/staff/products", admin,
            new { id = $"p{Guid.NewGuid():N}"[..20], names = new { ru = "Сирота" }, departmentId = "no-such-department" });

        Assert.Contains(english.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == product && p.GetProperty("name").GetString() == "Test vault");
        Assert.Contains(russian.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == product && p.GetProperty("name").GetString() == "Тестовое хранилище");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
    }

    [Fact]
    public async Task Anyone_reads_the_department_names_the_portal_shows_beside_a_ticket_in_both_languages()
    {
        await CreateProductAsync();

        var english = await shared.Stack.GetJsonAsync<JsonElement>("/api/departments?lang=en");
        var russian = await shared.Stack.GetJsonAsync<JsonElement>("/api/departments");

        var department = english.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "crypto-tests");
        Assert.Equal("Test department", department.GetProperty("name").GetString());
        Assert.Equal("Тестовый отдел", department.GetProperty("names").GetProperty("ru").GetString());
        Assert.Contains(russian.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == "crypto-tests" && d.GetProperty("name").GetString() == "Тестовый отдел");
    }

    /// <summary>A product of its own in a test department, created through the admin catalogue API.</summary>
    private async Task<string> CreateProductAsync()
    {
        var admin = await _staff.TokenAsync("Support.Admin");
        using (var department = await _staff.SendAsync(HttpMethod.Post, "/api/staff/departments", admin,
                   new { id = "crypto-tests", names = new { ru = "Тестовый отдел", en = "Test department" } }))
        {
            Assert.True(department.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{department.StatusCode}");
        }
        var id = $"vault-{Guid.NewGuid():N}"[..24];
        using var response = await _staff.SendAsync(HttpMethod.Post, "/api/staff/products", admin,
            new { id, names = new { ru = "Тестовое хранилище", en = "Test vault" }, departmentId = "crypto-tests" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>A well-formed token the dev identity never signed.</summary>
    private static string ForgedToken()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var unsigned = $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(new { iss = "https://dev-identity.localhost/supportfunctions/v2.0", aud = "api://supportfunctions-dev", oid = "x", sub = "x", roles = new[] { "Support.Admin" }, exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() })}";
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes(unsigned), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{unsigned}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }
}
