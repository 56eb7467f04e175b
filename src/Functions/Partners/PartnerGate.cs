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
/// At most <see cref="PerMinute"/> calls per partner in each clock minute, counted in each process by
/// <see cref="WindowCounters"/> (an instance's share of the limit: the Functions host scales out, so the total a partner
/// gets is this times the instances serving it). Every answer carries <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>
/// and <c>RateLimit-Reset</c> (seconds); a call over the limit gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class PartnerRateLimit(int perMinute, WindowCounters counters)
{
    public const string Setting = "Partners:RequestsPerMinute";
    public const int DefaultPerMinute = 120;
    private readonly ThrottlePolicy _policy = new("partner-calls", perMinute, TimeSpan.FromMinutes(1));

    public int PerMinute => perMinute;

    public void Hit(string partnerId, IHeaderDictionary headers)
    {
        var count = counters.Hit(_policy, partnerId);
        var resetSeconds = Math.Max(1, (long)Math.Ceiling(count.ResetIn.TotalSeconds));
        headers["RateLimit-Limit"] = perMinute.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = count.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
        if (count.Exceeded)
        {
            throw Throttled.Because(_policy, TimeSpan.FromSeconds(resetSeconds));
        }
    }
}
