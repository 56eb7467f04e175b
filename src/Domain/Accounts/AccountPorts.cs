using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Accounts;

/// <summary>Which account holds an address; <see cref="Version"/> lets a stale claim be taken over safely.</summary>
public sealed record EmailClaim(string AccountId, DateTimeOffset ClaimedAt, string Version);

/// <summary>Port: accounts and the one-account-per-address claims.</summary>
public interface IAccountStore
{
    /// <summary>Claims <paramref name="email"/> for the account; false when the address is already claimed (an insert that fails on conflict).</summary>
    Task<bool> TryClaimEmailAsync(string email, string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<EmailClaim?> FindClaimAsync(string email, CancellationToken cancellationToken);

    /// <summary>Moves a stale claim to another account; false when the claim changed meanwhile.</summary>
    Task<bool> TakeOverClaimAsync(string email, EmailClaim stale, string accountId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases the claim if it still names the account.</summary>
    Task ReleaseClaimAsync(string email, string accountId, CancellationToken cancellationToken);

    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Writes a new account together with the mails it causes (one transaction), then queues the mails.</summary>
    Task CreateAsync(Account account, IReadOnlyList<Notification> mails, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the account if it is unchanged since it was read (else a StaleVersion refusal) together with the mails
    /// it causes (one transaction), then queues the mails.
    /// </summary>
    Task SaveAsync(Account account, IReadOnlyList<Notification> mails, CancellationToken cancellationToken);
}

public enum AccountTokenPurpose
{
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

/// <summary>What a single-use mailed token allows. <see cref="SecurityStamp"/> ties it to the account as it was when issued.</summary>
public sealed record AccountTokenGrant(
    AccountTokenPurpose Purpose,
    string AccountId,
    string SecurityStamp,
    DateTimeOffset ExpiresAt,
    string? NewEmail = null);

/// <summary>Port: random single-use tokens, stored only as hashes.</summary>
public interface IAccountTokens
{
    /// <returns>The raw token to put in the mail's link.</returns>
    Task<string> IssueAsync(AccountTokenGrant grant, CancellationToken cancellationToken);

    /// <summary>Consumes the token: a second redemption of the same token finds nothing.</summary>
    /// <returns>null when unknown, used, or of another purpose.</returns>
    Task<AccountTokenGrant?> RedeemAsync(AccountTokenPurpose purpose, string rawToken, CancellationToken cancellationToken);
}

public sealed record CustomerSession(string AccountId, string SessionId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A started session and the signed token that carries it.</summary>
public sealed record IssuedSession(CustomerSession Session, string AccessToken, string CsrfToken);

/// <summary>Port: customer sessions (revocable) and their tokens.</summary>
public interface ISessionStore
{
    Task<IssuedSession> StartAsync(string accountId, string displayName, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The account's sessions carry its name (so a ticket is signed without reading the account); a rename updates them.</summary>
    Task RenameAsync(string accountId, string displayName, CancellationToken cancellationToken);

    Task EndAsync(string accountId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends every session of the account except <paramref name="keepSessionId"/>.</summary>
    Task EndAllAsync(string accountId, string? keepSessionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CustomerSession>> ListAsync(string accountId, CancellationToken cancellationToken);
}

/// <summary>Port: one-way password hashes (salted, slow, versioned).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    bool Verify(string hash, string password);
}

/// <summary>Where mailed links point.</summary>
public sealed class AccountSettings
{
    public const string Section = "Portal";

    public string BaseUrl { get; set; } = "http://127.0.0.1:7071";
}
