using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Identity;

/// <summary>
/// The local stack's stand-in for Entra ID: signs tokens shaped like Entra's v2 access tokens with a key made at
/// start-up. Its tokens are checked by a <see cref="TokenTrust"/> like Entra's. Enabled by <c>DevIdentity:Enabled</c>,
/// which <see cref="EnsureLocal"/> refuses anywhere but a local environment.
/// </summary>
public sealed class DevIdentity
{
    public const string EnabledSetting = "DevIdentity:Enabled";
    public const string Issuer = "https://dev-identity.localhost/supportfunctions/v2.0";
    public const string DefaultAudience = "api://supportfunctions-dev";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private static readonly string[] HostedMarkers = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME"];

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
    private readonly IClock _clock;

    public DevIdentity(IConfiguration configuration, IClock clock)
    {
        _clock = clock;
        Audience = EntraSettings.From(configuration)?.ClientId ?? DefaultAudience;
    }

    public string Audience { get; }

    public TokenTrust Trust() => TokenTrust.ForStaticKey("dev-identity", Issuer, _key, [Audience], _clock);

    public string IssueToken(DevTokenRequest request)
    {
        var now = _clock.UtcNow.UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = request.Subject,
            ["sub"] = request.Subject,
            ["tid"] = "supportfunctions",
            ["azp"] = request.PartnerId is null ? "dev-desk" : $"dev-partner-{request.PartnerId}",
            ["ver"] = "2.0",
            ["roles"] = request.Roles.ToArray(),
        };
        if (request.Name is { Length: > 0 } name) claims["name"] = name;
        if (request.Email is { Length: > 0 } email) claims["preferred_username"] = email;
        if (request.PartnerId is { Length: > 0 } partnerId)
        {
            claims["partner_id"] = partnerId;
            claims["idtyp"] = "app";
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(EnabledSetting);

    /// <summary>
    /// Refuses to start with the dev identity enabled outside a local environment: on App Service / Functions in
    /// Azure (<c>WEBSITE_INSTANCE_ID</c> or <c>WEBSITE_SITE_NAME</c> set) or when <c>AZURE_FUNCTIONS_ENVIRONMENT</c>
    /// is not <c>Development</c>.
    /// </summary>
    public static void EnsureLocal(IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }
        var hosted = HostedMarkers.FirstOrDefault(s => !string.IsNullOrWhiteSpace(configuration[s]));
        if (hosted is not null)
        {
            throw new InvalidOperationException($"{EnabledSetting} is true but {hosted} is set: the dev identity runs only on the local stack. Remove the setting.");
        }
        if (!string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{EnabledSetting} is true but AZURE_FUNCTIONS_ENVIRONMENT is not Development: the dev identity runs only on the local stack.");
        }
    }
}

public sealed record DevTokenRequest(string? Subject, string? Name, string? Email, IReadOnlyList<string>? Roles, string? PartnerId)
{
    public string Subject { get; init; } = Subject ?? "";
    public IReadOnlyList<string> Roles { get; init; } = Roles ?? [];
}
