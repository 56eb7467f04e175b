using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Domain.Partners;

/// <summary>Which partner record a partner token acts as: the one that lists the token's application (client) id.</summary>
public sealed class PartnerAccess(IPartnerDirectory directory)
{
    public async Task<Partner> PartnerOfAsync(PartnerCaller caller, CancellationToken cancellationToken) =>
        await directory.FindByClientAsync(caller.ClientId, cancellationToken)
        ?? throw new DomainException(FailureKind.Forbidden, "unknown_partner",
            "No partner record lists this application. Ask the vendor's administrator to add its client id.");
}

/// <summary>A partner issues certificates for the products it sells, and reads and revokes only the ones it issued.</summary>
public sealed class PartnerCertificates(IssueCertificates issuing)
{
    public Task<IssuedCertificate> IssueAsync(Partner partner, string? productId, string? plan, DateTimeOffset? validFrom, DateTimeOffset? validTo,
        string? customerName, CancellationToken cancellationToken)
    {
        if (productId is not null && !partner.Sells(productId))
        {
            throw new DomainException(FailureKind.Forbidden, "product_not_sold", $"Your agreement does not include the product '{productId}'.");
        }
        return issuing.IssueAsync(CertificateIssuer.Partner(partner.Id), productId, plan, validFrom, validTo, customerName, cancellationToken);
    }

    /// <summary>The certificate and the account that registered it; another issuer's certificate is not found.</summary>
    public async Task<(Certificate Certificate, string? Owner)> FindAsync(Partner partner, string? serial, CancellationToken cancellationToken)
    {
        var found = await issuing.FindAsync(serial, cancellationToken);
        return IssuedBy(partner, found.Certificate) ? found : throw DomainException.NotFound("certificate");
    }

    public async Task<Certificate> RevokeAsync(Partner partner, string? serial, CancellationToken cancellationToken)
    {
        await FindAsync(partner, serial, cancellationToken);
        return await issuing.RevokeAsync(serial, cancellationToken);
    }

    public static bool IssuedBy(Partner partner, Certificate certificate) => certificate.Issuer == CertificateIssuer.Partner(partner.Id);
}
