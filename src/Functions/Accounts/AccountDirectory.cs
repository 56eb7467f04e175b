using SupportFunctions.Domain.Accounts;

namespace SupportFunctions.Functions.Accounts;

/// <summary>How other capabilities find a customer's address, language and muted mail: one point read.</summary>
public sealed class AccountDirectory(AccountService accounts) : IAccountDirectory
{
    public Task<AccountContact?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        accounts.ContactAsync(accountId, cancellationToken);
}
