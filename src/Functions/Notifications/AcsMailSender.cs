using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Functions.Notifications;

/// <summary>
/// Azure Communication Services Email over its REST API (<c>POST {endpoint}/emails:send?api-version=2023-03-31</c>),
/// authenticated with the resource's HMAC access key or, without one, a managed-identity token. The
/// <c>repeatability-request-id</c> and <c>Operation-Id</c> are derived from the notification id, so ACS itself drops a
/// repeat of a send that succeeded but was not recorded.
/// </summary>
public sealed class AcsMailSender(HttpClient http, IOptions<MailOptions> options, IClock clock) : IMailSender
{
    public const string ApiVersion = "2023-03-31";
    private const string Scope = "https://communication.azure.com/.default";
    private TokenCredential? _credential;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value.Acs;
        if (string.IsNullOrWhiteSpace(settings.Endpoint) || string.IsNullOrWhiteSpace(settings.SenderAddress))
        {
            throw new InvalidOperationException("Mail:Acs:Endpoint and Mail:Acs:SenderAddress must be set.");
        }
        var uri = new Uri($"{settings.Endpoint.TrimEnd('/')}/emails:send?api-version={ApiVersion}");
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            senderAddress = settings.SenderAddress,
            recipients = new { to = new[] { new { address = mail.To } } },
            content = new { subject = mail.Subject, plainText = mail.Text, html = mail.Html },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var operationId = OperationId(mail.IdempotencyKey);
        var now = clock.UtcNow;
        request.Headers.Add("repeatability-request-id", operationId);
        request.Headers.Add("repeatability-first-sent", now.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("Operation-Id", operationId);

        if (!string.IsNullOrWhiteSpace(settings.AccessKey))
        {
            SignWithKey(request, uri, body, settings.AccessKey, now);
        }
        else
        {
            _credential ??= new ManagedIdentityCredential(string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId));
            var token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"ACS Email refused the mail: {(int)response.StatusCode} {detail[..Math.Min(detail.Length, 500)]}",
                null, response.StatusCode);
        }
    }

    /// <summary>HMAC-SHA256 over "POST\n{path and query}\n{date};{host};{content hash}" with the base64-decoded access key.</summary>
    public static void SignWithKey(HttpRequestMessage request, Uri uri, byte[] body, string accessKey, DateTimeOffset now)
    {
        var date = now.ToString("R", CultureInfo.InvariantCulture);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var toSign = $"POST\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(accessKey), Encoding.UTF8.GetBytes(toSign)));
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    /// <summary>A GUID (ACS requires one) that is the same for every attempt at one notification.</summary>
    public static string OperationId(string notificationId) =>
        Guid.TryParse(notificationId, out var id)
            ? id.ToString("D")
            : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(notificationId))[..16]).ToString("D");
}
