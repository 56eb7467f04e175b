using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Accounts;

namespace SupportFunctions.Functions.Tickets;

/// <summary>
/// Answer links as <c>sfa1.{account}.{ticket}.{message}.{expiresUnix}.{HMAC-SHA256}</c>, signed with a key derived from the
/// session signing key (kept in the private <c>keys</c> container), so a link cannot be forged or pointed at another ticket.
/// </summary>
public sealed class SignedSolutionLinks(SigningKeys keys) : ISolutionLinks
{
    private const string Prefix = "sfa1";

    public async Task<string> SignAsync(SolutionLink link, CancellationToken cancellationToken)
    {
        var payload = string.Join('.', Prefix, link.AccountId, link.TicketId.ToString(CultureInfo.InvariantCulture),
            link.MessageSequence.ToString(CultureInfo.InvariantCulture), link.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return $"{payload}.{await SignatureAsync(payload)}";
    }

    public async Task<SolutionLink?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        if (parts.Length != 6 || parts[0] != Prefix || !Keys.IsId(parts[1])
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticketId)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }
        var payload = string.Join('.', parts[..5]);
        var expected = Encoding.ASCII.GetBytes(await SignatureAsync(payload));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[5]))
            ? new SolutionLink(parts[1], ticketId, sequence, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
    }

    private async Task<string> SignatureAsync(string payload) =>
        Keys.Base64Url(HMACSHA256.HashData(await keys.SessionKeyAsync(), Encoding.ASCII.GetBytes("answer:" + payload)));
}
