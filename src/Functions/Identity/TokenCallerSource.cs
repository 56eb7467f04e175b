using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.Identity;

/// <summary>
/// Staff and partners: a bearer JWT from a trusted issuer (Entra ID; locally also the dev identity). Opaque bearer
/// tokens (customer sessions) are not ours: null. A JWT that no trusted issuer accepts: 401.
/// </summary>
public sealed partial class TokenCallerSource(IEnumerable<TokenTrust> trusts, IConfiguration configuration, ILogger<TokenCallerSource> logger) : ICallerSource
{
    private static readonly JsonWebTokenHandler Reader = new();
    private readonly TokenTrust[] _trusts = trusts.ToArray();

    public async Task<Caller?> TryAuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header["Bearer ".Length..].Trim();
        if (!LooksLikeJwt(token))
        {
            return null;
        }
        foreach (var trust in _trusts)
        {
            try
            {
                return CallerFrom(await trust.ValidateAsync(token));
            }
            catch (Exception refused) when (refused is SecurityTokenException or ArgumentException or InvalidOperationException)
            {
                LogRefused(trust.Name, refused.GetType().Name);
            }
        }
        throw new DomainException(FailureKind.Unauthenticated, "invalid_token", "The access token is not valid.");
    }

    private static bool LooksLikeJwt(string token) =>
        token.Count(c => c == '.') == 2 && token.StartsWith("eyJ", StringComparison.Ordinal) && Reader.CanReadToken(token);

    /// <summary>
    /// Support.* roles make staff; otherwise Partner.* roles make a partner, whose id comes from the configured
    /// client map (<c>Partners:Clients:{clientId}</c>) or the token's <c>partner_id</c> claim. A token with
    /// neither is staff without roles: it passes no role check.
    /// </summary>
    private Caller CallerFrom(ClaimsIdentity identity)
    {
        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var clientId = identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value ?? "";
        var subject = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value
            ?? throw new SecurityTokenValidationException("The token names no subject.");
        var isStaff = roles.Any(r => r.StartsWith("Support.", StringComparison.Ordinal));
        var isPartner = roles.Any(r => r.StartsWith("Partner.", StringComparison.Ordinal));
        if (isPartner && !isStaff)
        {
            var partnerId = configuration[$"Partners:Clients:{clientId}"] is { Length: > 0 } mapped ? mapped : identity.FindFirst("partner_id")?.Value;
            if (string.IsNullOrWhiteSpace(partnerId))
            {
                throw new SecurityTokenValidationException("The partner token names no partner.");
            }
            return new PartnerCaller(partnerId, clientId, roles);
        }
        var name = identity.FindFirst("name")?.Value ?? subject;
        var email = identity.FindFirst("preferred_username")?.Value ?? identity.FindFirst("email")?.Value;
        return new StaffCaller(subject, name, email, roles);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused by {Trust}: {Reason}")]
    private partial void LogRefused(string trust, string reason);
}
