using SupportFunctions.Domain.Catalogue;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// A certificate as registered to an account: the account's own copy, so listing "my certificates" needs no read
/// of the registry. Revocation is copied here when staff revoke.
/// </summary>
public sealed record RegisteredCertificate(
    string AccountId,
    string Serial,
    string ProductId,
    LocalizedName ProductName,
    string DepartmentId,
    string Plan,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    DateTimeOffset? RevokedAt,
    DateTimeOffset RegisteredAt)
{
    /// <summary>The certificate's id in the API: its serial.</summary>
    public string Id => Serial;

    public CertificateState StateAt(DateTimeOffset now) => Certificate.StateOf(RevokedAt, ValidFrom, ValidTo, now);

    public int DaysLeftAt(DateTimeOffset now) => Certificate.DaysLeft(StateAt(now), ValidTo, now);
}
