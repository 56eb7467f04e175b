using Microsoft.AspNetCore.Http;

namespace SupportFunctions.Functions.Http;

/// <summary>
/// The headers every API answer carries, set by <see cref="ApiPipeline"/> so the Functions host and the DevHost send
/// the same: the API answers JSON, never a page, so nothing it sends may run, be framed, be sniffed into another type
/// or leak the URL onwards. An answer to a call that carries credentials, and every error, is <c>no-store</c>.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";
    public const string NoStore = "no-store";

    public static void ApplyToApi(HttpRequest request, int status)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        if (request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        if (MustNotBeStored(request, status))
        {
            headers.CacheControl = NoStore;
        }
    }

    /// <summary>Errors and anything answered to a caller with credentials (a bearer token or the session cookie).</summary>
    public static bool MustNotBeStored(HttpRequest request, int status) =>
        status >= 400 || request.Headers.Authorization.Count > 0
        || request.Cookies.ContainsKey(Accounts.CustomerSessionSource.SessionCookie);
}
