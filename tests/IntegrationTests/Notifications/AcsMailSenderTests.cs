using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Notifications;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Notifications;

/// <summary>The real ACS adapter against a local HTTP server that checks the request as ACS would: path, signature, body, repeatability.</summary>
public sealed class AcsMailSenderTests : IDisposable
{
    private static readonly string AccessKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a test access key of some length!"));
    private readonly HttpListener _listener = new();
    private readonly Uri _endpoint;

    public AcsMailSenderTests()
    {
        var port = LocalStack.FreePort();
        _endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_endpoint.ToString());
        _listener.Start();
    }

    public void Dispose() => _listener.Close();

    private sealed class FixedClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset UtcNow => now;
    }

    [Fact]
    public async Task Sends_a_signed_request_the_server_can_verify_with_the_access_key()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        var notificationId = Guid.NewGuid().ToString("N");
        var received = ServeOnceAsync(HttpStatusCode.Accepted);

        await Sender(now).SendAsync(new OutgoingMail(notificationId, "anna@example.com", "Тема", "Текст", "<p>Текст</p>"), CancellationToken.None);

        var (request, body) = await received;
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/emails:send?api-version=2023-03-31", request.Url!.PathAndQuery);
        Assert.Equal(now.ToString("R"), request.Headers["x-ms-date"]);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        Assert.Equal(contentHash, request.Headers["x-ms-content-sha256"]);
        var toSign = $"POST\n{request.Url.PathAndQuery}\n{request.Headers["x-ms-date"]};{request.Url.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.UTF8.GetBytes(toSign)));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}", request.Headers["Authorization"]);
        Assert.Equal(Guid.Parse(notificationId).ToString("D"), request.Headers["repeatability-request-id"]);
        Assert.Equal(request.Headers["repeatability-request-id"], request.Headers["Operation-Id"]);

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("DoNotReply@example.azurecomm.net", json.GetProperty("senderAddress").GetString());
        Assert.Equal("anna@example.com", json.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Тема", json.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("Текст", json.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal("<p>Текст</p>", json.GetProperty("content").GetProperty("html").GetString());
    }

    [Fact]
    public async Task A_refusal_from_the_service_is_a_failure_so_the_queue_retries()
    {
        var received = ServeOnceAsync(HttpStatusCode.TooManyRequests);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sender(DateTimeOffset.UtcNow).SendAsync(new OutgoingMail("n-1", "anna@example.com", "S", "T", "<p>T</p>"), CancellationToken.None));
        await received;
    }

    [Fact]
    public void The_same_notification_always_gets_the_same_repeatability_id()
    {
        Assert.Equal(AcsMailSender.OperationId("not-a-guid"), AcsMailSender.OperationId("not-a-guid"));
        Assert.NotEqual(AcsMailSender.OperationId("not-a-guid"), AcsMailSender.OperationId("another"));
        Assert.True(Guid.TryParse(AcsMailSender.OperationId("not-a-guid"), out _));
    }

    private AcsMailSender Sender(DateTimeOffset now) => new(new HttpClient(), Options.Create(new MailOptions
    {
        Sender = "acs",
        Acs = new MailOptions.AcsOptions { Endpoint = _endpoint.ToString().TrimEnd('/'), SenderAddress = "DoNotReply@example.azurecomm.net", AccessKey = AccessKey },
    }), new FixedClock(now));

    private async Task<(HttpListenerRequest Request, byte[] Body)> ServeOnceAsync(HttpStatusCode status)
    {
        var context = await _listener.GetContextAsync();
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        context.Response.StatusCode = (int)status;
        context.Response.Headers["operation-location"] = $"{_endpoint}emails/operations/x?api-version=2023-03-31";
        context.Response.Close();
        return (context.Request, body.ToArray());
    }
}
