using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// The rule tickets use (<see cref="ICertificateCoverage"/>): a registered certificate valid at the time gives its
/// product's department and its plan's priority; another account's certificate is not found.
/// </summary>
public sealed class CertificateCoverage(ICustomerCertificates customers, SupportPlans plans) : ICertificateCoverage
{
    public async Task<TicketCoverage> ForTicketAsync(string accountId, string certificateId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var serial = Serial.Read(certificateId).Serial ?? throw DomainException.NotFound("certificate");
        var registered = await customers.FindAsync(accountId, serial.Value, cancellationToken) ?? throw DomainException.NotFound("certificate");
        Certificate.EnsureUsable(registered.StateAt(at));
        return new TicketCoverage(registered.Id, registered.Serial, registered.ProductId, registered.ProductName.Ru,
            registered.DepartmentId, plans.PriorityOf(registered.Plan));
    }
}
