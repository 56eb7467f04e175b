using Microsoft.AspNetCore.Http;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// Customer credentials: <c>Authorization: Bearer sfc1.…</c> (API clients) or the HttpOnly session cookie (browsers).
/// A bearer token of another kind (an Entra JWT) is left to the other sources. Cookie-authenticated unsafe methods
/// must echo the session's CSRF token in <c>X-CSRF-Token</c> (the browser reads it from the <c>sf_csrf</c> cookie).
/// </summary>
public sealed class CustomerSessionSource(SessionTable sessions) : ICallerSource
{
    public const string SessionCookie = "sf_session";
    public const string CsrfCookie = "sf_csrf";
    public const string CsrfHeader = "X-CSRF-Token";

    public async Task<Caller?> TryAuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer " + SessionTable.TokenPrefix, StringComparison.Ordinal))
            {
                return null;
            }
            return await sessions.ValidateAsync(authorization["Bearer ".Length..].Trim(), cancellationToken)
                ?? throw new DomainException(FailureKind.Unauthenticated, "session_invalid", "Your session has ended or the token is invalid. Sign in again.");
        }
        if (!request.Cookies.TryGetValue(SessionCookie, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }
        // A stale cookie is treated as no credential: public pages keep working and protected ones answer 401.
        if (await sessions.ValidateAsync(cookie, cancellationToken) is not { } caller)
        {
            return null;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !await sessions.IsCsrfTokenAsync(caller.SessionId, request.Headers[CsrfHeader].ToString()))
        {
            throw new DomainException(FailureKind.Forbidden, "csrf_failed", "The request lacks the page's security token. Reload the page and try again.");
        }
        return caller;
    }
}
