namespace SupportFunctions.Domain.Certificates;

/// <summary>A registry row with the version (ETag) it was read at, for optimistic updates.</summary>
public sealed record Versioned<T>(T Value, string Version);

/// <summary>Port: the registry of issued certificates, keyed by serial.</summary>
public interface ICertificateRegistry
{
    /// <returns>false when the serial is taken (the caller draws another).</returns>
    Task<bool> TryAddAsync(Certificate certificate, CancellationToken cancellationToken);

    Task<Versioned<Certificate>?> FindAsync(Serial serial, CancellationToken cancellationToken);

    /// <summary>Throws StaleVersion when the row changed since <paramref name="version"/>.</summary>
    Task UpdateAsync(Certificate certificate, string version, CancellationToken cancellationToken);
}

/// <summary>Port: which account a certificate belongs to. A claim is an insert: of two claimants exactly one wins.</summary>
public interface ICertificateClaims
{
    /// <returns>The owning account after the attempt: <paramref name="accountId"/> if this claim won or was already its own.</returns>
    Task<string> ClaimAsync(Serial serial, string accountId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<string?> OwnerAsync(Serial serial, CancellationToken cancellationToken);
}

/// <summary>Port: each account's registered certificates (one partition per account).</summary>
public interface ICustomerCertificates
{
    Task SaveAsync(RegisteredCertificate certificate, CancellationToken cancellationToken);
    Task<IReadOnlyList<RegisteredCertificate>> ListAsync(string accountId, CancellationToken cancellationToken);
    Task<RegisteredCertificate?> FindAsync(string accountId, string serial, CancellationToken cancellationToken);
    Task MarkRevokedAsync(string accountId, Serial serial, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}

/// <summary>A reminder that a registered certificate expires in <see cref="DaysBefore"/> days.</summary>
public sealed record ExpiryReminder(string AccountId, string Serial, int DaysBefore, DateTimeOffset DueAt, DateTimeOffset ValidTo);

/// <summary>Port: a due-date index of expiry reminders; the timer reads only what is due.</summary>
public interface IExpiryReminders
{
    Task ScheduleAsync(IReadOnlyList<ExpiryReminder> reminders, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="send"/> for each reminder due at <paramref name="now"/>, each claimed first so that two
    /// runs at once send it once, and removed after <paramref name="send"/> returns.
    /// </summary>
    Task<int> ProcessDueAsync(DateTimeOffset now, Func<ExpiryReminder, CancellationToken, Task> send, CancellationToken cancellationToken);
}
