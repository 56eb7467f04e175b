using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Domain.Certificates;

/// <summary>What a certificate entitles a ticket to: which product, which department's queue, which priority.</summary>
public sealed record TicketCoverage(
    string? CertificateId,
    string? Serial,
    string? ProductId,
    string? ProductName,
    string DepartmentId,
    TicketPriority Priority)
{
    /// <summary>The department of tickets sent without a certificate.</summary>
    public const string GeneralDepartmentId = "general";

    public static TicketCoverage WithoutCertificate { get; } =
        new(null, null, null, null, GeneralDepartmentId, TicketPriority.Minimal);
}

/// <summary>
/// Port the ticket rules use to turn "this customer picked this certificate" into coverage.
/// Implemented by the certificates capability.
/// </summary>
public interface ICertificateCoverage
{
    /// <summary>
    /// The coverage of the customer's registered certificate, valid at <paramref name="at"/>. Throws a
    /// <see cref="Common.DomainException"/>: NotFound when it is not registered to this account (never revealing
    /// another owner's), RuleViolated <c>certificate_expired</c> / <c>certificate_revoked</c> /
    /// <c>certificate_not_yet_valid</c> when it is not valid then.
    /// </summary>
    Task<TicketCoverage> ForTicketAsync(string accountId, string certificateId, DateTimeOffset at, CancellationToken cancellationToken);
}
