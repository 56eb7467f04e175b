namespace SupportFunctions.Domain.Accounts;

/// <summary>How to reach a customer: what other capabilities need to mail or name them.</summary>
public sealed record AccountContact(
    string AccountId,
    string Email,
    string DisplayName,
    string Language,
    string TimeZone,
    IReadOnlySet<string> MutedNotifications,
    string? Company = null,
    string? Phone = null);

/// <summary>Port implemented by the accounts capability; used by tickets and certificates to address mail.</summary>
public interface IAccountDirectory
{
    /// <returns>null when the account does not exist (or was erased).</returns>
    Task<AccountContact?> FindAsync(string accountId, CancellationToken cancellationToken);
}
