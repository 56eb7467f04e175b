using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Accounts;

/// <summary>
/// Calls the account API as one client: its own forwarded address (so per-client throttling of one test does not touch
/// another), and optionally a bearer token.
/// </summary>
public sealed class AccountsClient(LocalStack stack)
{
    public const string Password = "correct horse battery staple";

    public string Address { get; } = $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? token = null) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), token);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? token = null,
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", Address);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return stack.Client.SendAsync(request);
    }

    public async Task<string> SignInAsync(string email, string password = Password)
    {
        using var response = await PostAsync("/api/session", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<JsonElement> MeAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/me", token: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Signs up, follows the verification mail, and signs in.</summary>
    public async Task<string> RegisterAsync(Mailbox mail, string email, string language = "en")
    {
        var subject = language == "en" ? "Confirm your email address" : "Подтвердите адрес";
        var earlier = (await mail.ToAsync(email)).Count(m => m.Subject.Contains(subject, StringComparison.Ordinal));
        using (var signUp = await PostAsync("/api/accounts", new { email, password = Password, displayName = "Test Customer", language }))
        {
            Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        }
        var message = await mail.WaitForAsync(email, subject, earlier + 1);
        using (var verify = await PostAsync("/api/accounts/verify", new { token = Mailbox.TokenIn(message) }))
        {
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        }
        return await SignInAsync(email);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
