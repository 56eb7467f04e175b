using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Certificates;

public enum CertificateState
{
    Active,
    Expired,
    Revoked,
    NotYetValid,
}

/// <summary>Who issued a certificate: a staff member or a partner who resold it.</summary>
public sealed record CertificateIssuer(string Kind, string Id)
{
    public static CertificateIssuer Staff(string staffId) => new("staff", staffId);
    public static CertificateIssuer Partner(string partnerId) => new("partner", partnerId);
}

/// <summary>
/// A support certificate in the registry. Valid from <see cref="ValidFrom"/> (inclusive) to <see cref="ValidTo"/>
/// (exclusive); revocation is final. The activation code is held only as a salted hash.
/// </summary>
public sealed class Certificate
{
    private Certificate(Serial serial, string productId, string plan, DateTimeOffset validFrom, DateTimeOffset validTo,
        CertificateIssuer issuer, string? customerName, DateTimeOffset issuedAt, string activationSalt, string activationHash, DateTimeOffset? revokedAt)
    {
        Serial = serial;
        ProductId = productId;
        Plan = plan;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Issuer = issuer;
        CustomerName = customerName;
        IssuedAt = issuedAt;
        ActivationSalt = activationSalt;
        ActivationHash = activationHash;
        RevokedAt = revokedAt;
    }

    public Serial Serial { get; }
    public string ProductId { get; }
    public string Plan { get; }
    public DateTimeOffset ValidFrom { get; }
    public DateTimeOffset ValidTo { get; }
    public CertificateIssuer Issuer { get; }
    public string? CustomerName { get; }
    public DateTimeOffset IssuedAt { get; }
    public string ActivationSalt { get; }
    public string ActivationHash { get; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <returns>The certificate and its activation code, which is never stored in clear.</returns>
    public static (Certificate Certificate, string ActivationCode) Issue(Serial serial, string productId, string plan,
        DateTimeOffset validFrom, DateTimeOffset validTo, CertificateIssuer issuer, string? customerName, DateTimeOffset now)
    {
        if (validTo <= validFrom)
        {
            throw DomainException.Validation("validTo", "Must be after validFrom.");
        }
        var code = ActivationCode.New();
        var salt = ActivationCode.NewSalt();
        var certificate = new Certificate(serial, productId, plan, validFrom.ToUniversalTime(), validTo.ToUniversalTime(), issuer,
            customerName, now, salt, ActivationCode.Hash(code, salt), null);
        return (certificate, code);
    }

    public static Certificate Restore(Serial serial, string productId, string plan, DateTimeOffset validFrom, DateTimeOffset validTo,
        CertificateIssuer issuer, string? customerName, DateTimeOffset issuedAt, string activationSalt, string activationHash, DateTimeOffset? revokedAt) =>
        new(serial, productId, plan, validFrom, validTo, issuer, customerName, issuedAt, activationSalt, activationHash, revokedAt);

    public CertificateState StateAt(DateTimeOffset now) => StateOf(RevokedAt, ValidFrom, ValidTo, now);

    public static CertificateState StateOf(DateTimeOffset? revokedAt, DateTimeOffset validFrom, DateTimeOffset validTo, DateTimeOffset now) =>
        revokedAt is not null ? CertificateState.Revoked
        : now < validFrom ? CertificateState.NotYetValid
        : now >= validTo ? CertificateState.Expired
        : CertificateState.Active;

    /// <summary>Whole days of support left (a part-day counts), 0 unless active.</summary>
    public static int DaysLeft(CertificateState state, DateTimeOffset validTo, DateTimeOffset now) =>
        state == CertificateState.Active ? (int)Math.Ceiling((validTo - now).TotalDays) : 0;

    /// <returns>false when already revoked (revoking again changes nothing).</returns>
    public bool Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            return false;
        }
        RevokedAt = at;
        return true;
    }

    public bool ProvesOwnership(string? activationCode) => ActivationCode.Matches(activationCode, ActivationSalt, ActivationHash);

    /// <summary>Refuses a certificate that cannot be registered now, with the contract's code.</summary>
    public void EnsureRegistrableAt(DateTimeOffset now) => EnsureUsable(StateAt(now));

    public static void EnsureUsable(CertificateState state)
    {
        switch (state)
        {
            case CertificateState.Revoked:
                throw CertificateRefusals.Revoked();
            case CertificateState.Expired:
                throw CertificateRefusals.Expired();
            case CertificateState.NotYetValid:
                throw CertificateRefusals.NotYetValid();
            case CertificateState.Active:
                return;
        }
    }
}

public static class CertificateRefusals
{
    public static DomainException Invalid() =>
        new(FailureKind.RuleViolated, "certificate_invalid", "There is no certificate with this serial and activation code. Check both and try again.");

    public static DomainException Expired() =>
        new(FailureKind.RuleViolated, "certificate_expired", "This certificate has expired.");

    public static DomainException Revoked() =>
        new(FailureKind.RuleViolated, "certificate_revoked", "This certificate has been revoked.");

    public static DomainException NotYetValid() =>
        new(FailureKind.RuleViolated, "certificate_not_yet_valid", "This certificate is not valid yet.");

    public static DomainException AlreadyRegistered() =>
        new(FailureKind.RuleViolated, "certificate_already_registered", "This certificate is already registered to an account.");
}

public static class CertificateStates
{
    public static string Name(CertificateState state) => state switch
    {
        CertificateState.Active => "active",
        CertificateState.Expired => "expired",
        CertificateState.Revoked => "revoked",
        _ => "not_yet_valid",
    };
}
