using Xunit.Abstractions;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Knowledge;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.Resilience.Security;

/// <summary>
/// Hostile input on every endpoint that takes a body (from the OpenAPI document), and in the text fields that reach a page,
/// a mail or a storage key: a clear problem+json refusal that changes nothing, or text kept as inert data.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HostileInputTests(SecurityStack fixture, ITestOutputHelper output)
{
    private const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    private readonly LocalStack _stack = fixture.Stack;
    private readonly People _people = new(fixture.Stack);

    public static TheoryData<string, string, string, int, string> Bodies => new()
    {
        { "malformed", "{\"subject\": ", "application/json", 400, "malformed_json" },
        { "nested 200 deep", new string('[', 200) + new string(']', 200), "application/json", 400, "malformed_json" },
        { "duplicate keys", "{\"subject\": \"a\", \"subject\": \"b\"}", "application/json", 400, "malformed_json" },
        { "300 KB", "{\"subject\": \"" + new string('x', 300 * 1024) + "\"}", "application/json", 413, "request_too_large" },
        { "form-encoded", "subject=a", "application/x-www-form-urlencoded", 415, "unsupported_media_type" },
        { "text", "{\"subject\": \"a\"}", "text/plain", 415, "unsupported_media_type" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Every_endpoint_that_takes_a_body_refuses_a_hostile_one_with_a_problem(string kind, string body, string contentType, int status, string code)
    {
        var cast = await CastAsync();
        var routes = await RoutesTakingABodyAsync();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var (method, path) = Concrete(cast, route);
            using var client = new HttpClient { BaseAddress = _stack.BaseUri };
            var headers = CallerFor(cast, route) is { } token ? new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } : [];
            headers["X-Forwarded-For"] = $"10.66.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
            var (answered, text, response) = await Http.SendAsync(client, method, path, body, contentType, headers);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement : default;
            if (answered != status || problem.ValueKind != JsonValueKind.Object || problem.GetProperty("code").GetString() != code)
            {
                failures.Add($"{route}: {answered} {text[..Math.Min(120, text.Length)]}");
            }
            response.Dispose();
        }
        output.WriteLine($"{kind}: {routes.Count} endpoints");
        Assert.True(failures.Count == 0, $"{kind}, expected {status} {code}:\n{string.Join('\n', failures)}");
    }

    [Theory]
    [InlineData("\u202Eevil")] // right-to-left override
    [InlineData("Anna\u0000")] // NUL
    [InlineData("Anna\u200B")] // zero-width space
    [InlineData("Anna\r\nBcc: victim@example.com")] // header injection
    public async Task Names_subjects_and_file_names_with_controls_or_direction_overrides_are_refused(string hostile)
    {
        var customer = await _people.CustomerAsync();

        var signUp = await SendAsync(_stack.Client, HttpMethod.Post, "/api/accounts", new { email = $"h{Guid.NewGuid():N}@example.test", password = People.Password, displayName = hostile });
        var rename = await SendAsync(customer.Client, HttpMethod.Patch, "/api/me", new { displayName = hostile, company = hostile });
        var ticket = await SendAsync(customer.Client, HttpMethod.Post, "/api/tickets", new { subject = hostile, description = "Body." });
        var upload = await SendAsync(customer.Client, HttpMethod.Post, "/api/uploads", new { fileName = hostile + ".png", contentType = "image/png", size = 100 });
        var list = await customer.Client.GetFromJsonAsync<JsonElement>("/api/tickets");

        Assert.All(new[] { signUp, rename, ticket, upload }, answer => Assert.Equal((400, "validation_failed"), answer));
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Script_in_a_ticket_is_kept_as_text_and_arrives_escaped_in_the_mail_with_one_subject_line()
    {
        var customer = await _people.CustomerAsync();
        using var sent = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject = Script, description = Script + "\n\"; DROP TABLE tickets; --" });
        var ticket = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(201, (int)sent.StatusCode);
        Assert.Equal(Script, ticket.GetProperty("subject").GetString());

        using var mail = new Mailbox(_stack.MailUi);
        var receipt = await mail.WaitForAsync(customer.Email, $"#{ticket.GetProperty("id").GetInt64()}");
        using var smtp4dev = new HttpClient { BaseAddress = _stack.MailUi };
        var html = await smtp4dev.GetStringAsync($"api/messages/{receipt.Id}/html");
        var headers = (await smtp4dev.GetStringAsync($"api/messages/{receipt.Id}/raw")).Split("\r\n\r\n")[0].Split('\n').Select(line => line.TrimEnd('\r')).ToList();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Single(headers, line => line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(headers, line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Script_and_javascript_links_in_an_article_are_removed_from_its_html()
    {
        using var agent = await _people.StaffAsync("Support.Agent");
        var (article, _) = await KnowledgeClient.CreateAsync(agent, KnowledgeClient.Draft($"Hostile {KnowledgeClient.UniqueWord()}",
            $"{Script}\n\n[click](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">x</a> <iframe src=\"https://evil.example\"></iframe>"));

        var shown = await _stack.Client.GetFromJsonAsync<JsonElement>($"/api/kb/articles/{article.GetProperty("slug").GetString()}");
        var html = shown.GetProperty("bodyHtml").GetString()!;

        foreach (var dangerous in new[] { "<script", "javascript:", "onerror", "onclick", "<iframe" })
        {
            Assert.DoesNotContain(dangerous, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("/api/tickets/..%2F..%2Fadmin")]
    [InlineData("/api/tickets/1%23x")]
    [InlineData("/api/tickets/1%3Fx=1")]
    [InlineData("/api/tickets/%5C..%5C1")]
    [InlineData("/api/staff/certificates/..%2F..%2Fx")]
    [InlineData("/api/staff/certificates/a%23b%3Fc%5Cd")]
    [InlineData("/api/kb/articles/..%2F..%2Fx")]
    [InlineData("/api/kb/articles/a%5Cb%23c")]
    [InlineData("/api/staff/partners/a%2Fb%5Cc%23d%3Fe")]
    [InlineData("/api/partner/v1/certificates/a%2F..%5Cb%23c%3F")]
    public async Task Path_tricks_and_table_key_characters_in_ids_find_nothing(string path)
    {
        var cast = await CastAsync();
        var caller = path.Contains("/staff/", StringComparison.Ordinal) ? Identity.Admin
            : path.Contains("/partner/", StringComparison.Ordinal) ? Identity.PartnerA : Identity.CustomerA;
        using var client = new HttpClient { BaseAddress = _stack.BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cast.TokenOf(caller));

        using var answer = await client.GetAsync(path);

        Assert.Contains((int)answer.StatusCode, new[] { 400, 404 });
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("C:\\Windows\\win.ini.png", "win.ini.png")]
    [InlineData("a#b?c.png", "a#b?c.png")]
    public async Task A_file_name_with_path_parts_keeps_only_its_last_part_and_key_characters_stay_text(string fileName, string kept)
    {
        var customer = await _people.CustomerAsync();
        using var slot = await customer.Client.PostAsJsonAsync("/api/uploads", new { fileName, contentType = "image/png", size = Cast.Png.Length });
        var grant = await slot.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(201, (int)slot.StatusCode);
        using (var anonymous = new HttpClient())
        using (var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(Cast.Png) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var stored = await anonymous.SendAsync(put);
            Assert.Equal(201, (int)stored.StatusCode);
        }

        using var sent = await customer.Client.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Файл", description = "Приложен.", attachmentIds = new[] { grant.GetProperty("uploadId").GetString() },
        });
        var ticket = await sent.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(201, (int)sent.StatusCode);
        Assert.Equal(kept, ticket.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task The_data_export_is_json_served_as_a_download_so_a_formula_in_a_name_stays_a_string()
    {
        var customer = await _people.CustomerAsync();
        const string formula = "=HYPERLINK(\"https://evil.example\",\"click\")";
        using (var renamed = await customer.Client.PatchAsJsonAsync("/api/me", new { company = formula }))
        {
            Assert.Equal(200, (int)renamed.StatusCode);
        }

        using var export = await customer.Client.GetAsync("/api/me/export");
        var document = await export.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", export.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(formula, document.GetProperty("account").GetProperty("company").GetString());
    }

    private Task<Cast> CastAsync() => fixture.SharedCastAsync();

    private static async Task<(int Status, string Code)> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        var (status, text, response) = await Http.SendAsync(client, method, path, JsonSerializer.Serialize(body),
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = $"10.55.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}" });
        using (response)
        {
            return (status, status >= 400 ? Http.ProblemCode(response, text) : "");
        }
    }

    /// <summary>Every operation whose OpenAPI description has a request body, as "METHOD route".</summary>
    private async Task<IReadOnlyList<string>> RoutesTakingABodyAsync()
    {
        var document = await _stack.Client.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        var routes = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("requestBody", out _)))
            {
                routes.Add($"{operation.Name.ToUpperInvariant()} {path.Name.TrimStart('/')}");
            }
        }
        Assert.True(routes.Count > 25, $"only {routes.Count} operations with a body in the OpenAPI document");
        return routes;
    }

    private static string? CallerFor(Cast cast, string route) => AuthorisationMatrixTests.Matrix.GetValueOrDefault(route) switch
    {
        AuthorisationMatrixTests.Who.Customer or AuthorisationMatrixTests.Who.CustomersOwn => cast.TokenOf(Identity.CustomerA),
        AuthorisationMatrixTests.Who.Agent or AuthorisationMatrixTests.Who.Admin => cast.TokenOf(Identity.Admin),
        AuthorisationMatrixTests.Who.Partner or AuthorisationMatrixTests.Who.PartnersOwn => cast.TokenOf(Identity.PartnerA),
        _ => null,
    };

    private static (HttpMethod, string) Concrete(Cast cast, string route) => AuthorisationMatrixTests.Concrete(cast, route);
}
