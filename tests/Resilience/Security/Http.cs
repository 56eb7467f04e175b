using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SupportFunctions.Resilience.Security;

/// <summary>Raw requests as an attacker writes them: any method, any bytes, any content type, any headers.</summary>
public static class Http
{
    public static async Task<(int Status, string Text, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json",
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The problem document's stable code, asserting the answer is application/problem+json.</summary>
    public static string ProblemCode(HttpResponseMessage response, string text)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{(int)response.StatusCode} is not problem+json: {response.Content.Headers.ContentType} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }
}
