using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;
using SupportFunctions.Functions.Http;

namespace SupportFunctions.Functions.Partners;

/// <summary>Every partner call passes here: the token's role, the partner record behind it, and the partner's rate limit.</summary>
public sealed class PartnerGate(PartnerAccess access, PartnerRateLimit rateLimit)
{
    public async Task<Partner> EnterAsync(ApiCall call, string role)
    {
        var caller = await call.RequirePartnerAsync(role);
        var partner = await access.PartnerOfAsync(caller, call.Aborted);
        rateLimit.Hit(partner.Id, call.Request.HttpContext.Response.Headers);
        return partner;
    }
}

/// <summary>
/// At most <see cref="PerMinute"/> calls per partner in each clock minute, counted in each process (an instance's share of
/// the limit: the Functions host scales out, so the total a partner gets is this times the instances serving it).
/// Every answer carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds); a call
/// over the limit gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class PartnerRateLimit(int perMinute, IClock clock)
{
    public const string Setting = "Partners:RequestsPerMinute";
    public const int DefaultPerMinute = 120;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (long WindowStart, int Calls)> _windows = new(StringComparer.Ordinal);

    public int PerMinute => perMinute;

    public void Hit(string partnerId, IHeaderDictionary headers)
    {
        var now = clock.UtcNow.ToUnixTimeSeconds();
        var windowStart = now - now % (long)Window.TotalSeconds;
        var (_, calls) = _windows.AddOrUpdate(partnerId, _ => (windowStart, 1),
            (_, current) => current.WindowStart == windowStart ? (windowStart, current.Calls + 1) : (windowStart, 1));
        var resetSeconds = windowStart + (long)Window.TotalSeconds - now;
        headers["RateLimit-Limit"] = perMinute.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = Math.Max(0, perMinute - calls).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
        if (calls > perMinute)
        {
            throw Throttled.Because(new ThrottlePolicy("partner-calls", perMinute, Window), TimeSpan.FromSeconds(resetSeconds));
        }
    }
}
