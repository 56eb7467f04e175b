using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Accounts;

namespace SupportFunctions.Functions.Certificates;

/// <summary>The customer's registered certificates, for the data export.</summary>
public sealed class CertificatePersonalData(RegisterCertificates registration, SupportPlans plans, IClock clock) : IPersonalDataSection
{
    public string Name => "certificates";

    public async Task<object> ExportAsync(CustomerCaller customer, string language, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var certificates = await registration.ListAsync(customer.AccountId, cancellationToken);
        return certificates.OrderBy(c => c.RegisteredAt).Select(c => MyCertificateView.Of(c, plans, now, language)).ToList();
    }
}
