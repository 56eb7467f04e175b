using Microsoft.Extensions.Configuration;

namespace SupportFunctions.Functions.Identity;

/// <summary>
/// The <c>AzureAd</c> section, named as Microsoft.Identity.Web names it: <c>Instance</c>, <c>TenantId</c>,
/// <c>ClientId</c> and optionally <c>Audience</c>. Staff and partner tokens are accepted only when TenantId and ClientId are set.
/// </summary>
public sealed record EntraSettings(string Instance, string TenantId, string ClientId, string? Audience)
{
    public const string Section = "AzureAd";
    public const string DefaultInstance = "https://login.microsoftonline.com/";

    public string Authority => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    /// <summary>The app's own id and its Application ID URI, plus an explicitly configured audience.</summary>
    public IReadOnlyList<string> Audiences =>
        new[] { ClientId, $"api://{ClientId}", Audience }.OfType<string>().Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Plain-HTTP metadata only from this machine (a test's local OpenID server), never from elsewhere.</summary>
    public bool AllowsHttpMetadata => new Uri(Instance).IsLoopback;

    public static EntraSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var tenantId = section["TenantId"];
        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(clientId))
        {
            return null;
        }
        var instance = section["Instance"] is { Length: > 0 } configured ? configured : DefaultInstance;
        return new EntraSettings(instance, tenantId, clientId, section["Audience"] is { Length: > 0 } audience ? audience : null);
    }
}
