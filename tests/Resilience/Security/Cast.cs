using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Knowledge;
using SupportFunctions.IntegrationTests.Partners;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.Resilience.Security;

public enum Identity { Anonymous, CustomerA, CustomerB, Agent, Admin, PartnerA, PartnerB, ExpiredToken, TamperedToken }

/// <summary>
/// Everyone the security tests call as, and the objects they own: customer A's ticket (with an attachment) and
/// certificate, partner A's certificate and ticket, a staff-issued certificate, an article. Made through the public API.
/// </summary>
public sealed class Cast
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    private readonly Dictionary<Identity, string?> _tokens = new() { [Identity.Anonymous] = null };

    public required LocalStack Stack { get; init; }
    public required People.Customer CustomerA { get; init; }
    public required People.Customer CustomerB { get; init; }
    public required string PartnerAId { get; init; }
    public required long TicketOfA { get; init; }
    public required string AttachmentOfA { get; init; }
    public required string PartnerASerial { get; init; }
    public required long PartnerATicket { get; init; }
    public required string StaffSerial { get; init; }
    public required string ArticleSlug { get; init; }

    /// <summary>Tokens of a third customer, an admin and a partner, kept to be used once the clock has passed their lifetime.</summary>
    public required IReadOnlyDictionary<string, string> ToExpire { get; init; }

    /// <summary>The bearer token of a signed-in identity; null for the anonymous caller.</summary>
    public string? TokenOf(Identity identity) => _tokens[identity];

    public static async Task<Cast> AssembleAsync(LocalStack stack)
    {
        var people = new People(stack);
        var partners = new PartnerSetup(stack);
        var customerA = await people.CustomerAsync();
        var customerB = await people.CustomerAsync();
        var agent = await DevTokenAsync(stack, new { subject = Guid.NewGuid().ToString("N"), name = "Anna Agent", email = "anna@staff.test", roles = new[] { "Support.Agent" } });
        var admin = await DevTokenAsync(stack, new { subject = Guid.NewGuid().ToString("N"), name = "Oleg Admin", email = "oleg@staff.test", roles = new[] { "Support.Admin" } });
        var (partnerA, productsA) = await partners.PartnerAsync();
        var (partnerB, _) = await partners.PartnerAsync();

        var ticketOfA = await TicketWithAttachmentAsync(customerA);
        var partnerSerial = (await partners.IssueAsync(partnerA, productsA[0])).GetProperty("serial").GetString()!;
        using var partnerTicket = await partnerA.PostAsJsonAsync("/api/partner/v1/tickets", new
        {
            customerEmail = $"p{Guid.NewGuid():N}@example.test", subject = "Лицензия не активируется", description = "Ошибка 0x80070005.",
        });
        var partnerTicketId = (await DeskJsonAsync(partnerTicket, 201)).GetProperty("id").GetInt64();
        using var adminClient = Bearer(stack, admin);
        using var issued = await adminClient.PostAsJsonAsync("/api/staff/certificates", new
        {
            productId = productsA[0], plan = "standard", validFrom = DateTimeOffset.UtcNow.Date.AddDays(-1), validTo = DateTimeOffset.UtcNow.Date.AddYears(1),
        });
        var staffSerial = (await DeskJsonAsync(issued, 201)).GetProperty("serial").GetString()!;
        using var agentClient = Bearer(stack, agent);
        var (article, _) = await KnowledgeClient.CreateAsync(agentClient, KnowledgeClient.Draft($"Matrix {KnowledgeClient.UniqueWord()}", "Body."));

        var toExpire = new Dictionary<string, string>
        {
            ["customer"] = ((AuthenticationHeaderValue)(await people.CustomerAsync()).Client.DefaultRequestHeaders.Authorization!).Parameter!,
            ["staff"] = await DevTokenAsync(stack, new { subject = Guid.NewGuid().ToString("N"), name = "Old Admin", roles = new[] { "Support.Admin" } }),
            ["partner"] = await DevTokenAsync(stack, new { subject = $"app-{partnerA.PartnerId}", name = partnerA.PartnerId, roles = new[] { "Partner.Certificates", "Partner.Tickets" }, partnerId = partnerA.PartnerId }),
        };
        var cast = new Cast
        {
            Stack = stack, CustomerA = customerA, CustomerB = customerB, PartnerAId = partnerA.PartnerId, TicketOfA = ticketOfA.Id,
            AttachmentOfA = ticketOfA.AttachmentId, PartnerASerial = partnerSerial, PartnerATicket = partnerTicketId, StaffSerial = staffSerial,
            ArticleSlug = article.GetProperty("slug").GetString()!, ToExpire = toExpire,
        };
        cast._tokens[Identity.CustomerA] = BearerOf(customerA.Client);
        cast._tokens[Identity.CustomerB] = BearerOf(customerB.Client);
        cast._tokens[Identity.Agent] = agent;
        cast._tokens[Identity.Admin] = admin;
        cast._tokens[Identity.PartnerA] = BearerOf(partnerA);
        cast._tokens[Identity.PartnerB] = BearerOf(partnerB);
        return cast;
    }

    /// <summary>A customer session token with another account's id put in: its signature no longer matches.</summary>
    public static string TamperedCustomerToken(string token)
    {
        var parts = token.Split('.');
        parts[1] = new string(parts[1].Reverse().ToArray());
        return string.Join('.', parts);
    }

    /// <summary>A staff or partner JWT whose payload was rewritten (roles made Support.Admin), signature kept.</summary>
    public static string TamperedJwt(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Encoding.UTF8.GetString(Base64UrlDecode(parts[1])))!;
        payload["roles"] = JsonSerializer.SerializeToElement(new[] { "Support.Admin", "Partner.Certificates", "Partner.Tickets" });
        parts[1] = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return string.Join('.', parts);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private static async Task<(long Id, string AttachmentId)> TicketWithAttachmentAsync(People.Customer customer)
    {
        using var slot = await customer.Client.PostAsJsonAsync("/api/uploads", new { fileName = "screen.png", contentType = "image/png", size = Png.Length });
        var grant = await DeskJsonAsync(slot, 201);
        using (var anonymous = new HttpClient())
        using (var put = new HttpRequestMessage(HttpMethod.Put, grant.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(Png) })
        {
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            using var stored = await anonymous.SendAsync(put);
            Assert.Equal(201, (int)stored.StatusCode);
        }
        var uploadId = grant.GetProperty("uploadId").GetString()!;
        using var sent = await customer.Client.PostAsJsonAsync("/api/tickets", new { subject = "Не открывается отчёт", description = "Снимок экрана приложен.", attachmentIds = new[] { uploadId } });
        var ticket = await DeskJsonAsync(sent, 201);
        var attachmentId = ticket.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("id").GetString()!;
        return (ticket.GetProperty("id").GetInt64(), attachmentId);
    }

    private static async Task<string> DevTokenAsync(LocalStack stack, object body)
    {
        using var response = await stack.Client.PostAsJsonAsync("/api/dev/tokens", body);
        return (await DeskJsonAsync(response, 200)).GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> DeskJsonAsync(HttpResponseMessage response, int expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static HttpClient Bearer(LocalStack stack, string token)
    {
        var client = new HttpClient { BaseAddress = stack.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string BearerOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;
}
