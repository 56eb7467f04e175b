using System.Security.Claims;
using Microsoft.AspNetCore.Http;
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
public sealed partial class TokenCallerSource(IEnumerable<TokenTrust> trusts, ILogger<TokenCallerSource> logger) : ICallerSource
{
    private static readonly JsonWebTokenHandler Reader = new();
    private static readonly TimeSpan IssuerRetryAfter = TimeSpan.FromSeconds(30);
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
        var unavailable = false;
        foreach (var trust in _trusts)
        {
            try
            {
                return CallerFrom(await trust.ValidateAsync(token));
            }
            catch (IssuerUnavailableException away)
            {
                LogIssuerUnavailable(trust.Name, away.InnerException?.Message ?? away.Message);
                unavailable = true;
            }
            catch (Exception refused) when (refused is SecurityTokenException or ArgumentException or InvalidOperationException)
            {
                LogRefused(trust.Name, refused.GetType().Name);
            }
        }
        // No trust accepted it, and one could not even look: the token may well be good, so "try again" rather than 401.
        throw unavailable
            ? new DomainException(FailureKind.Unavailable, "identity_provider_unavailable",
                "Sign-in tokens cannot be checked right now (the identity provider is unreachable). Try again shortly.") { RetryAfter = IssuerRetryAfter }
            : new DomainException(FailureKind.Unauthenticated, "invalid_token", "The access token is not valid.");
    }

    private static bool LooksLikeJwt(string token) =>
        token.Count(c => c == '.') == 2 && token.StartsWith("eyJ", StringComparison.Ordinal) && Reader.CanReadToken(token);

    /// <summary>
    /// Support.* roles make staff; otherwise Partner.* roles make a partner, known by its application (client) id. Which
    /// partner record that application acts for is the partner gate's question (the record lists its client ids); the
    /// id here is only the dev token's <c>partner_id</c> hint or the client id. A token with neither role is staff without
    /// roles: it passes no role check.
    /// </summary>
    private static Caller CallerFrom(ClaimsIdentity identity)
    {
        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var clientId = identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value ?? "";
        var subject = identity.FindFirst("oid")?.Value ?? identity.FindFirst("sub")?.Value
            ?? throw new SecurityTokenValidationException("The token names no subject.");
        var isStaff = roles.Any(r => r.StartsWith("Support.", StringComparison.Ordinal));
        var isPartner = roles.Any(r => r.StartsWith("Partner.", StringComparison.Ordinal));
        if (isPartner && !isStaff)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new SecurityTokenValidationException("The partner token names no application (azp or appid).");
            }
            return new PartnerCaller(identity.FindFirst("partner_id")?.Value ?? clientId, clientId, roles);
        }
        var name = identity.FindFirst("name")?.Value ?? subject;
        var email = identity.FindFirst("preferred_username")?.Value ?? identity.FindFirst("email")?.Value;
        return new StaffCaller(subject, name, email, roles);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token issuer {Trust} is unreachable: {Reason}")]
    private partial void LogIssuerUnavailable(string trust, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused by {Trust}: {Reason}")]
    private partial void LogRefused(string trust, string reason);
}
