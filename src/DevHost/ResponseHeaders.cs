using System.Text.Json.Nodes;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.DevHost;

/// <summary>
/// The headers the DevHost puts on what it serves besides the functions' own answers (which the API pipeline heads):
/// the web build's pages and files get the Static Web App's <c>globalHeaders</c> from the build's
/// <c>staticwebapp.config.json</c>, so the local stack runs the front end under the very policy Azure serves it with;
/// over plain HTTP the HTTPS-only parts (HSTS, upgrade-insecure-requests) are left out and the local blob endpoint is
/// allowed for uploads and image previews (in Azure it is https, which the policy allows for images). Anything under the API prefix that no function answered (404, 405) gets the API's headers.
/// </summary>
public sealed class ResponseHeaders(IReadOnlyDictionary<string, string> pageHeaders, string apiPrefix)
{
    public static ResponseHeaders Load(string webRoot, string apiPrefix, Uri blobEndpoint)
    {
        var path = Path.Combine(webRoot, "staticwebapp.config.json");
        var configured = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["globalHeaders"]?.AsObject() : null;
        var headers = (configured ?? []).ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        headers.Remove("Strict-Transport-Security");
        if (headers.TryGetValue("Content-Security-Policy", out var policy))
        {
            headers["Content-Security-Policy"] = ForPlainHttp(policy, blobEndpoint.GetLeftPart(UriPartial.Authority));
        }
        return new ResponseHeaders(headers, apiPrefix);
    }

    public void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        await next();
    });

    private void Apply(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith($"/{apiPrefix}/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase))
        {
            SecurityHeaders.ApplyToApi(context.Request, context.Response.StatusCode);
            return;
        }
        foreach (var (name, value) in pageHeaders)
        {
            context.Response.Headers[name] = value;
        }
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = SecurityHeaders.StrictTransportSecurity;
        }
    }

    private static string ForPlainHttp(string policy, string blobOrigin) =>
        string.Join("; ", policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(directive => directive != "upgrade-insecure-requests")
            .Select(directive => directive.StartsWith("connect-src ", StringComparison.Ordinal) || directive.StartsWith("img-src ", StringComparison.Ordinal)
                ? $"{directive} {blobOrigin}"
                : directive));
}
