using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Certificates;

public sealed record IssuedCertificate(Certificate Certificate, string ActivationCode, Product Product);

/// <summary>Staff (and later partners) issue certificates and revoke them.</summary>
public sealed class IssueCertificates(
    ICertificateRegistry registry,
    ICertificateClaims claims,
    ICustomerCertificates customers,
    ICatalogue catalogue,
    SupportPlans plans,
    IClock clock)
{
    private static readonly TimeSpan LongestValidity = TimeSpan.FromDays(366 * 5);

    public async Task<IssuedCertificate> IssueAsync(CertificateIssuer issuer, string? productId, string? plan,
        DateTimeOffset? validFrom, DateTimeOffset? validTo, string? customerName, CancellationToken cancellationToken)
    {
        new Validator()
            .Required("productId", productId)
            .Check(plans.Exists(plan), "plan", $"One of: {string.Join(", ", plans.Names)}.")
            .Check(validFrom is not null, "validFrom", "Required.")
            .Check(validTo is not null, "validTo", "Required.")
            .Check(validFrom is null || validTo is null || validTo > validFrom, "validTo", "Must be after validFrom.")
            .Check(validFrom is null || validTo is null || validTo - validFrom <= LongestValidity, "validTo", "At most five years after validFrom.")
            .MaxLength("customerName", customerName, 200)
            .ThrowIfInvalid();
        var product = await catalogue.FindProductAsync(productId!, cancellationToken)
            ?? throw DomainException.Validation("productId", "No such product.");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (certificate, code) = Certificate.Issue(Serial.New(), product.Id, plan!, validFrom!.Value, validTo!.Value, issuer,
                string.IsNullOrWhiteSpace(customerName) ? null : customerName.Trim(), clock.UtcNow);
            if (await registry.TryAddAsync(certificate, cancellationToken))
            {
                return new IssuedCertificate(certificate, code, product);
            }
        }
        throw new DomainException(FailureKind.Unavailable, "serial_unavailable", "Could not draw a free serial; try again.");
    }

    /// <summary>Revokes in the registry, then in the owning account's list. Revoking again repairs that copy and changes nothing else.</summary>
    public async Task<Certificate> RevokeAsync(string? serialText, CancellationToken cancellationToken)
    {
        var serial = Serial.Read(serialText).Serial ?? throw DomainException.NotFound("certificate");
        var found = await registry.FindAsync(serial, cancellationToken) ?? throw DomainException.NotFound("certificate");
        var certificate = found.Value;
        if (certificate.Revoke(clock.UtcNow))
        {
            await registry.UpdateAsync(certificate, found.Version, cancellationToken);
        }
        if (await claims.OwnerAsync(serial, cancellationToken) is { } owner)
        {
            await customers.MarkRevokedAsync(owner, serial, certificate.RevokedAt!.Value, cancellationToken);
        }
        return certificate;
    }

    public async Task<(Certificate Certificate, string? Owner)> FindAsync(string? serialText, CancellationToken cancellationToken)
    {
        var serial = Serial.Read(serialText).Serial ?? throw DomainException.NotFound("certificate");
        var found = await registry.FindAsync(serial, cancellationToken) ?? throw DomainException.NotFound("certificate");
        return (found.Value, await claims.OwnerAsync(serial, cancellationToken));
    }
}
