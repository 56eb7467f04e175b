using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Certificates;

/// <summary>What a customer sees before registering: the certificate their serial and code prove.</summary>
public sealed record CertificatePreview(Certificate Certificate, Product Product);

/// <summary>Limits on guessing serials and activation codes: failed attempts per account and per client address.</summary>
public sealed record GuessLimits(ThrottlePolicy PerAccount, ThrottlePolicy PerClient)
{
    public static GuessLimits Default { get; } = new(
        new ThrottlePolicy("certificate-guess-account", 10, TimeSpan.FromHours(1)),
        new ThrottlePolicy("certificate-guess-client", 30, TimeSpan.FromHours(1)));
}

/// <summary>"My certificates": look a certificate up, register it to the account, list the account's.</summary>
public sealed class RegisterCertificates(
    ICertificateRegistry registry,
    ICertificateClaims claims,
    ICustomerCertificates customers,
    IExpiryReminders reminders,
    ICatalogue catalogue,
    IThrottle throttle,
    GuessLimits limits,
    IClock clock)
{
    /// <summary>Days before expiry on which the owner gets a reminder.</summary>
    public static readonly int[] ReminderDays = [30, 7];

    /// <summary>The wizard's second step: the same checks as registration, without claiming.</summary>
    public async Task<CertificatePreview> PreviewAsync(string accountId, string clientAddress, string? serial, string? activationCode, CancellationToken cancellationToken)
    {
        var (certificate, product) = await ProveAsync(accountId, clientAddress, serial, activationCode, cancellationToken);
        if (await claims.OwnerAsync(certificate.Serial, cancellationToken) is { } owner && owner != accountId)
        {
            throw CertificateRefusals.AlreadyRegistered();
        }
        return new CertificatePreview(certificate, product);
    }

    public async Task<RegisteredCertificate> RegisterAsync(string accountId, string clientAddress, string? serial, string? activationCode, CancellationToken cancellationToken)
    {
        var (certificate, product) = await ProveAsync(accountId, clientAddress, serial, activationCode, cancellationToken);
        return await AddToAccountAsync(accountId, certificate, product, alreadyThere: null, cancellationToken);
    }

    /// <summary>
    /// Registers a certificate its issuer hands to a customer (a partner opening a ticket for them): no activation code, since
    /// the issuer vouches. Already in this account: that copy. Registered to another account: refused, nothing changes.
    /// </summary>
    public async Task<RegisteredCertificate> RegisterIssuedAsync(string accountId, Certificate certificate, CancellationToken cancellationToken)
    {
        var product = await catalogue.FindProductAsync(certificate.ProductId, cancellationToken) ?? throw DomainException.NotFound("product");
        var existing = await customers.FindAsync(accountId, certificate.Serial.Value, cancellationToken);
        return await AddToAccountAsync(accountId, certificate, product, existing, cancellationToken);
    }

    private async Task<RegisteredCertificate> AddToAccountAsync(
        string accountId, Certificate certificate, Product product, RegisteredCertificate? alreadyThere, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (await claims.ClaimAsync(certificate.Serial, accountId, now, cancellationToken) != accountId)
        {
            throw CertificateRefusals.AlreadyRegistered();
        }
        if (alreadyThere is not null)
        {
            return alreadyThere;
        }
        if (await customers.FindAsync(accountId, certificate.Serial.Value, cancellationToken) is not null)
        {
            throw CertificateRefusals.AlreadyRegistered();
        }
        // The claim is ours; the account's copy and reminders follow. If they fail, registering again completes them.
        var registered = new RegisteredCertificate(accountId, certificate.Serial.Value, product.Id, product.Name, product.DepartmentId,
            certificate.Plan, certificate.ValidFrom, certificate.ValidTo, certificate.RevokedAt, now);
        await reminders.ScheduleAsync(RemindersFor(registered, now), cancellationToken);
        await customers.SaveAsync(registered, cancellationToken);
        // A revocation that ran between the proof and the save found no copy to mark; copy it now.
        if ((await registry.FindAsync(certificate.Serial, cancellationToken))?.Value.RevokedAt is { } revokedAt)
        {
            await customers.MarkRevokedAsync(accountId, certificate.Serial, revokedAt, cancellationToken);
            return registered with { RevokedAt = revokedAt };
        }
        return registered;
    }

    public Task<IReadOnlyList<RegisteredCertificate>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        customers.ListAsync(accountId, cancellationToken);

    public static IReadOnlyList<ExpiryReminder> RemindersFor(RegisteredCertificate certificate, DateTimeOffset now) =>
        ReminderDays
            .Select(days => new ExpiryReminder(certificate.AccountId, certificate.Serial, days, certificate.ValidTo.AddDays(-days), certificate.ValidTo))
            .Where(reminder => reminder.DueAt > now)
            .ToArray();

    /// <summary>
    /// Serial format first (a typo never reaches the registry), then the registry: an unknown serial and a wrong code
    /// are the same refusal and both count as a guess, per account and per client. Then the certificate's state.
    /// </summary>
    private async Task<(Certificate, Product)> ProveAsync(string accountId, string clientAddress, string? serialText, string? activationCode, CancellationToken cancellationToken)
    {
        var reading = Serial.Read(serialText);
        new Validator()
            .Check(reading.Problem != SerialProblem.Format, "serial", "A serial is 12 letters and digits, like 7K2M-9QX4-TD8B.")
            .Check(reading.Problem != SerialProblem.CheckSymbol, "serial", "This serial has a typo: its last symbol does not match. Check every symbol.")
            .Required("activationCode", activationCode)
            .MaxLength("activationCode", activationCode, 64)
            .ThrowIfInvalid();

        await throttle.EnsureAllowedAsync(limits.PerAccount, accountId, cancellationToken);
        await throttle.EnsureAllowedAsync(limits.PerClient, clientAddress, cancellationToken);
        var found = await registry.FindAsync(reading.Serial!.Value, cancellationToken);
        if (found is null || !found.Value.ProvesOwnership(activationCode))
        {
            await throttle.HitAsync(limits.PerAccount, accountId, cancellationToken);
            await throttle.HitAsync(limits.PerClient, clientAddress, cancellationToken);
            throw CertificateRefusals.Invalid();
        }
        var certificate = found.Value;
        certificate.EnsureRegistrableAt(clock.UtcNow);
        var product = await catalogue.FindProductAsync(certificate.ProductId, cancellationToken)
            ?? new Product(certificate.ProductId, new LocalizedName(certificate.ProductId, certificate.ProductId), TicketCoverage.GeneralDepartmentId);
        return (certificate, product);
    }
}
