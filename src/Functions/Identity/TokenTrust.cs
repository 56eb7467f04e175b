using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.Validators;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Identity;

/// <summary>
/// One issuer the app trusts for staff and partner tokens: where its signing keys come from, which audiences and
/// issuers it accepts. Entra ID and the local dev identity are both a <see cref="TokenTrust"/>, validated by the
/// same <see cref="ValidateAsync"/>: signature, issuer, audience and lifetime (against <see cref="IClock"/>).
/// </summary>
public sealed class TokenTrust
{
    private const string MetadataSuffix = "/.well-known/openid-configuration";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly IClock _clock;

    private TokenTrust(string name, TokenValidationParameters parameters, IClock clock)
    {
        Name = name;
        _parameters = parameters;
        _clock = clock;
        _parameters.LifetimeValidator = ValidateLifetime;
    }

    public string Name { get; }

    /// <summary>
    /// Microsoft Entra ID, as Microsoft.Identity.Web validates it: keys and issuer from the tenant's OpenID metadata
    /// (<c>{Instance}{TenantId}/v2.0/.well-known/openid-configuration</c>), issuer checked by its
    /// <see cref="AadIssuerValidator"/>, signing keys checked against their issuer.
    /// </summary>
    public static TokenTrust ForEntra(EntraSettings settings, HttpClient http, IClock clock)
    {
        var authority = settings.Authority;
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = !settings.AllowsHttpMetadata };
        var managers = new Dictionary<string, ConfigurationManager<OpenIdConnectConfiguration>>(StringComparer.OrdinalIgnoreCase);
        // The issuer validator asks by authority ({instance}{tenant}/v2.0 or the v1 form); the handler by metadata address.
        ConfigurationManager<OpenIdConnectConfiguration> ManagerFor(string authorityOrAddress)
        {
            var address = authorityOrAddress.EndsWith(MetadataSuffix, StringComparison.OrdinalIgnoreCase)
                ? authorityOrAddress
                : $"{authorityOrAddress.TrimEnd('/')}{MetadataSuffix}";
            lock (managers)
            {
                if (!managers.TryGetValue(address, out var manager))
                {
                    managers[address] = manager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        address, new OpenIdConnectConfigurationRetriever(), retriever);
                }
                return manager;
            }
        }
        var issuerValidator = AadIssuerValidator.GetAadIssuerValidator(authority, http, ManagerFor);
        var parameters = new TokenValidationParameters
        {
            ConfigurationManager = ManagerFor(authority),
            ValidAudiences = settings.Audiences,
            IssuerValidator = issuerValidator.Validate,
            NameClaimType = "name",
            RoleClaimType = "roles",
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };
        parameters.EnableAadSigningKeyIssuerValidation();
        return new TokenTrust("entra", parameters, clock);
    }

    /// <summary>A fixed issuer and key (the dev identity): the same checks, without metadata to fetch.</summary>
    public static TokenTrust ForStaticKey(string name, string issuer, SecurityKey key, IReadOnlyList<string> audiences, IClock clock) =>
        new(name, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudiences = audiences,
            IssuerSigningKey = key,
            NameClaimType = "name",
            RoleClaimType = "roles",
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        }, clock);

    /// <returns>
    /// The token's claims; throws <see cref="SecurityTokenException"/> (or another validation failure) when refused, and
    /// <see cref="IssuerUnavailableException"/> when the issuer's metadata cannot be had (never fetched, and unreachable
    /// now): that says nothing about the token.
    /// </returns>
    public async Task<ClaimsIdentity> ValidateAsync(string token)
    {
        await EnsureMetadataAsync();
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            throw result.Exception ?? new SecurityTokenValidationException("The token was refused.");
        }
        return result.ClaimsIdentity;
    }

    private async Task EnsureMetadataAsync()
    {
        if (_parameters.ConfigurationManager is not { } metadata)
        {
            return;
        }
        try
        {
            // Served from its cache while fresh; once fetched, the last good copy keeps serving while the issuer is away.
            await metadata.GetBaseConfigurationAsync(CancellationToken.None);
        }
        catch (Exception unreachable) when (unreachable is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            throw new IssuerUnavailableException(Name, unreachable);
        }
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _clock.UtcNow.UtcDateTime;
        if (expires is null || now > expires.Value.ToUniversalTime() + ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.");
        }
        if (notBefore is { } from && now + ClockSkew < from.ToUniversalTime())
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.");
        }
        return true;
    }
}

/// <summary>The issuer's signing keys could not be fetched: the token can be neither accepted nor refused now.</summary>
public sealed class IssuerUnavailableException(string trust, Exception cause)
    : Exception($"The metadata of the token issuer {trust} cannot be fetched.", cause);
