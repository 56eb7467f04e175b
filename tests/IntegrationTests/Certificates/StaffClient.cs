using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Certificates;

/// <summary>Calls the API as staff with tokens from the local stack's dev identity.</summary>
public sealed class StaffClient(LocalStack stack)
{
    public async Task<string> TokenAsync(params string[] roles) => await TokenAsync(new { subject = $"staff-{Guid.NewGuid():N}", name = "Ирина Петрова", email = "irina@vendor.example", roles });

    public async Task<string> TokenAsync(object request)
    {
        using var response = await stack.Client.PostAsJsonAsync("/api/dev/tokens", request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await stack.Client.SendAsync(request);
    }

    /// <summary>Issues a certificate as an admin and returns the answer (serial, activation code ...).</summary>
    public async Task<JsonElement> IssueAsync(string productId = "cryptoguard-csp", string plan = "premium", DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null)
    {
        var now = await NowAsync();
        var token = await TokenAsync("Support.Admin");
        using var response = await SendAsync(HttpMethod.Post, "/api/staff/certificates", token, new
        {
            productId,
            plan,
            validFrom = validFrom ?? now.AddDays(-1),
            validTo = validTo ?? now.AddDays(365),
            customerName = "ООО «Ромашка»",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The app's clock (the DevHost's adjustable one).</summary>
    public async Task<DateTimeOffset> NowAsync() =>
        (await stack.GetJsonAsync<JsonElement>("/admin/clock")).GetProperty("now").GetDateTimeOffset();

    public async Task EnsureCatalogueAsync()
    {
        using var response = await stack.Client.PostAsync("/admin/seed", null);
        response.EnsureSuccessStatusCode();
    }
}
