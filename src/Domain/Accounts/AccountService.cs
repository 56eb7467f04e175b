using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Accounts;

public sealed record SignUpInput(string? Email, string? Password, string? DisplayName, string? Language);

public sealed record AccountChanges(
    string? DisplayName,
    string? Company,
    string? Phone,
    string? Language,
    string? TimeZone,
    IReadOnlyDictionary<string, bool>? Notifications);

public sealed record SignedIn(IssuedSession Session, Account Account);

/// <summary>What the account holds about its owner, for the data export.</summary>
public sealed record AccountExport(Account Account, IReadOnlyList<CustomerSession> Sessions);

/// <summary>
/// The customer account use cases. No answer tells whether an address is registered: sign-up and reset always
/// answer the same way and send a mail either way; sign-in refuses unknown, wrong and unverified alike and hashes
/// a password in every case.
/// </summary>
public sealed class AccountService(
    IAccountStore accounts,
    IAccountTokens tokens,
    ISessionStore sessions,
    IPasswordHashing passwords,
    INotificationQueue mail,
    IThrottle throttle,
    IClock clock,
    AccountSettings settings)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan VerifyLifetime = TimeSpan.FromHours(48);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan EmailChangeLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);

    /// <summary>A claim younger than this may belong to a sign-up or email change still in flight, so it is never taken over.</summary>
    public static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(5);

    public static readonly ThrottlePolicy SignInPerClient = new("signin-client", 30, TimeSpan.FromMinutes(15));
    public static readonly ThrottlePolicy SignInPerAddress = new("signin-lockout", 5, TimeSpan.FromMinutes(15));
    public static readonly ThrottlePolicy PasswordCheckPerAccount = new("password-check", 5, TimeSpan.FromMinutes(15));
    public static readonly ThrottlePolicy MailPerClient = new("mail-client", 20, TimeSpan.FromHours(1));
    public static readonly ThrottlePolicy MailPerAddress = new("mail-address", 5, TimeSpan.FromHours(1));

    private readonly Lazy<string> _decoyHash = new(() => passwords.Hash("decoy password for unknown addresses"));

    public async Task SignUpAsync(SignUpInput input, string client, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(input.Email);
        var validator = new Validator();
        validator.Check(email is not null, "email", "Enter a valid email address.");
        foreach (var problem in PasswordPolicy.Problems(input.Password, email))
        {
            validator.Add("password", problem);
        }
        validator.Required("displayName", input.DisplayName).MaxLength("displayName", input.DisplayName, Account.MaxDisplayName)
            .VisibleText("displayName", input.DisplayName);
        validator.Check(input.Language is null || Account.Languages.Contains(input.Language), "language", "Use ru or en.");
        validator.ThrowIfInvalid();
        var language = input.Language ?? "ru";

        await throttle.HitAsync(MailPerClient, client, cancellationToken);
        await throttle.HitAsync(MailPerAddress, email!, cancellationToken);
        var hash = passwords.Hash(input.Password!);
        var now = clock.UtcNow;
        var id = Guid.NewGuid().ToString("N");

        if (!await ClaimAsync(email!, id, now, cancellationToken))
        {
            await TellExistingOwnerAsync(email!, language, cancellationToken);
            return;
        }
        var account = Account.Register(id, email!, input.DisplayName!, language, hash, now);
        try
        {
            var token = await tokens.IssueAsync(new AccountTokenGrant(AccountTokenPurpose.VerifyEmail, id, account.SecurityStamp, now + VerifyLifetime), cancellationToken);
            await accounts.CreateAsync(account, [VerifyMail(account, token)], cancellationToken);
        }
        catch
        {
            await accounts.ReleaseClaimAsync(email!, id, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The account a partner opens a ticket for. An account that holds the address is used as it is: never changed, its
    /// owner never told anything new about it. Otherwise a new one is made without a usable password, and its owner is
    /// mailed a single-use link to choose one (the link proves the address, as a password reset does).
    /// </summary>
    public async Task<(string AccountId, string DisplayName)> EnsureForPartnerAsync(
        string? email, string? displayName, string? language, string partnerName, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        new Validator()
            .Check(normalized is not null, "customerEmail", "Enter a valid email address.")
            .MaxLength("customerName", displayName?.Trim(), Account.MaxDisplayName)
            .VisibleText("customerName", displayName)
            .Check(language is null || Account.Languages.Contains(language), "language", "Use ru or en.")
            .ThrowIfInvalid();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await FindByEmailAsync(normalized!, cancellationToken) is { } existing)
            {
                return (existing.Id, existing.DisplayName);
            }
            var id = Guid.NewGuid().ToString("N");
            var now = clock.UtcNow;
            if (!await ClaimAsync(normalized!, id, now, cancellationToken))
            {
                continue;
            }
            var name = string.IsNullOrWhiteSpace(displayName) ? normalized!.Split('@')[0] : displayName.Trim();
            // The hash of a password nobody knows: the account opens only once its owner has chosen one.
            var unknowable = passwords.Hash(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            var account = Account.Register(id, normalized!, name, language ?? "ru", unknowable, now);
            try
            {
                var token = await tokens.IssueAsync(new AccountTokenGrant(AccountTokenPurpose.ResetPassword, id, account.SecurityStamp, now + InviteLifetime), cancellationToken);
                await accounts.CreateAsync(account, [Mail(AccountMail.Invited, account, new Dictionary<string, string>
                {
                    ["partner"] = partnerName,
                    ["link"] = AccountMail.Link(settings, "/reset-password", token),
                    ["days"] = ((int)InviteLifetime.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture),
                })], cancellationToken);
            }
            catch
            {
                await accounts.ReleaseClaimAsync(normalized!, id, CancellationToken.None);
                throw;
            }
            return (id, name);
        }
        throw new DomainException(FailureKind.Unavailable, "account_being_created", "An account for this address is being created right now; retry in a moment.");
    }

    public async Task<Account> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        var (account, _) = await RedeemAsync(AccountTokenPurpose.VerifyEmail, token, cancellationToken);
        account.Verify(clock.UtcNow);
        await accounts.SaveAsync(account, [], cancellationToken);
        return account;
    }

    public async Task<SignedIn> SignInAsync(string? email, string? password, string client, CancellationToken cancellationToken)
    {
        var validator = new Validator().Required("email", email).MaxLength("email", email, EmailAddress.MaxLength)
            .Required("password", password).MaxLength("password", password, PasswordPolicy.MaxLength);
        validator.ThrowIfInvalid();
        await throttle.HitAsync(SignInPerClient, client, cancellationToken);
        var normalized = EmailAddress.Normalize(email) ?? email!.Trim().ToLowerInvariant();
        await throttle.EnsureAllowedAsync(SignInPerAddress, normalized, cancellationToken);

        var account = await FindByEmailAsync(normalized, cancellationToken);
        var matches = passwords.Verify(account?.PasswordHash is { Length: > 0 } hash ? hash : _decoyHash.Value, password!);
        if (account is null || !matches || !account.IsVerified)
        {
            await throttle.HitAsync(SignInPerAddress, normalized, cancellationToken);
            throw new DomainException(FailureKind.Unauthenticated, "invalid_credentials",
                "The email or password is wrong, or the email is not confirmed yet (follow the link in the confirmation mail).");
        }
        await throttle.ResetAsync(SignInPerAddress, normalized, cancellationToken);
        var session = await sessions.StartAsync(account.Id, account.DisplayName, clock.UtcNow + SessionLifetime, cancellationToken);
        return new SignedIn(session, account);
    }

    public Task SignOutAsync(CustomerCaller caller, CancellationToken cancellationToken) =>
        sessions.EndAsync(caller.AccountId, caller.SessionId, cancellationToken);

    public async Task<Account> MeAsync(CustomerCaller caller, CancellationToken cancellationToken) =>
        await accounts.FindAsync(caller.AccountId, cancellationToken) is { IsDeleted: false } account
            ? account
            : throw new DomainException(FailureKind.Unauthenticated, "unauthenticated", "Sign in to do this.");

    public async Task<Account> ChangeAsync(CustomerCaller caller, AccountChanges changes, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Check(changes.DisplayName is null || changes.DisplayName.Trim().Length > 0, "displayName", "Required.")
            .MaxLength("displayName", changes.DisplayName, Account.MaxDisplayName)
            .VisibleText("displayName", changes.DisplayName)
            .MaxLength("company", changes.Company, Account.MaxCompany)
            .VisibleText("company", changes.Company)
            .MaxLength("phone", changes.Phone, Account.MaxPhone)
            .Check(changes.Phone is null || changes.Phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'), "phone", "Use digits, spaces, +, - and brackets.")
            .Check(changes.Language is null || Account.Languages.Contains(changes.Language), "language", "Use ru or en.")
            .Check(changes.TimeZone is null || IsTimeZone(changes.TimeZone), "timeZone", "Use an IANA time zone such as Europe/Moscow.");
        foreach (var category in changes.Notifications?.Keys ?? [])
        {
            validator.Check(Account.OptionalMailCategories.Contains(category), $"notifications.{category}", "Unknown kind of mail.");
        }
        validator.ThrowIfInvalid();
        var account = await MeAsync(caller, cancellationToken);
        var previousName = account.DisplayName;
        account.ChangeProfile(changes.DisplayName, changes.Company, changes.Phone);
        account.ChangePreferences(changes.Language, changes.TimeZone, changes.Notifications);
        await accounts.SaveAsync(account, [], cancellationToken);
        if (account.DisplayName != previousName)
        {
            await sessions.RenameAsync(account.Id, account.DisplayName, cancellationToken);
        }
        return account;
    }

    public async Task ChangePasswordAsync(CustomerCaller caller, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var account = await MeAsync(caller, cancellationToken);
        RequirePolicy("newPassword", newPassword, account.Email);
        await CheckPasswordAsync(account, currentPassword, "currentPassword", cancellationToken);
        account.ChangePassword(passwords.Hash(newPassword!));
        await accounts.SaveAsync(account, [Mail(AccountMail.PasswordChanged, account)], cancellationToken);
        await sessions.EndAllAsync(account.Id, caller.SessionId, cancellationToken);
    }

    public async Task RequestPasswordResetAsync(string? email, string client, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        new Validator().Check(normalized is not null, "email", "Enter a valid email address.").ThrowIfInvalid();
        await throttle.HitAsync(MailPerClient, client, cancellationToken);
        await throttle.HitAsync(MailPerAddress, normalized!, cancellationToken);

        var account = await FindByEmailAsync(normalized!, cancellationToken);
        if (account is null)
        {
            await mail.EnqueueAsync(AccountMail.Create(AccountMail.ResetUnknown, normalized!, "ru", null, SignInLinks()), cancellationToken);
            return;
        }
        var token = await tokens.IssueAsync(
            new AccountTokenGrant(AccountTokenPurpose.ResetPassword, account.Id, account.SecurityStamp, clock.UtcNow + ResetLifetime), cancellationToken);
        await mail.EnqueueAsync(Mail(AccountMail.PasswordReset, account, new Dictionary<string, string>
        {
            ["link"] = AccountMail.Link(settings, "/reset-password", token),
            ["minutes"] = ((int)ResetLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }), cancellationToken);
    }

    public async Task ResetPasswordAsync(string? token, string? newPassword, CancellationToken cancellationToken)
    {
        RequirePolicy("newPassword", newPassword, null);
        var (account, _) = await RedeemAsync(AccountTokenPurpose.ResetPassword, token, cancellationToken);
        RequirePolicy("newPassword", newPassword, account.Email);
        account.ChangePassword(passwords.Hash(newPassword!));
        account.Verify(clock.UtcNow);
        await accounts.SaveAsync(account, [Mail(AccountMail.PasswordChanged, account)], cancellationToken);
        await sessions.EndAllAsync(account.Id, null, cancellationToken);
        await throttle.ResetAsync(SignInPerAddress, account.Email, cancellationToken);
    }

    public async Task RequestEmailChangeAsync(CustomerCaller caller, string? newEmail, string? password, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(newEmail);
        new Validator().Check(normalized is not null, "newEmail", "Enter a valid email address.")
            .Required("password", password).MaxLength("password", password, PasswordPolicy.MaxLength).ThrowIfInvalid();
        var account = await MeAsync(caller, cancellationToken);
        if (normalized == account.Email)
        {
            throw DomainException.Validation("newEmail", "This is already your email.");
        }
        await CheckPasswordAsync(account, password, "password", cancellationToken);
        await throttle.HitAsync(MailPerAddress, normalized!, cancellationToken);
        var token = await tokens.IssueAsync(new AccountTokenGrant(
            AccountTokenPurpose.ChangeEmail, account.Id, account.SecurityStamp, clock.UtcNow + EmailChangeLifetime, normalized), cancellationToken);
        await mail.EnqueueAsync(AccountMail.Create(AccountMail.EmailChangeConfirm, normalized!, account.Language, account.Id, new Dictionary<string, string>
        {
            ["name"] = account.DisplayName,
            ["link"] = AccountMail.Link(settings, "/confirm-email", token),
        }), cancellationToken);
    }

    /// <summary>
    /// Moves the account to the confirmed address: claim the new one, save the account, release the old one. Every
    /// session ends, as after a password change, but the one confirming (when the confirming browser is signed in to
    /// this account): whoever held a session under the old address is signed out.
    /// </summary>
    public async Task<Account> ConfirmEmailChangeAsync(string? token, CustomerCaller? confirmer, CancellationToken cancellationToken)
    {
        var (account, grant) = await RedeemAsync(AccountTokenPurpose.ChangeEmail, token, cancellationToken);
        var newEmail = grant.NewEmail!;
        var now = clock.UtcNow;
        if (!await ClaimAsync(newEmail, account.Id, now, cancellationToken))
        {
            throw new DomainException(FailureKind.Conflict, "email_taken",
                "Another account already uses this address. Sign in to that account instead, or choose another address.");
        }
        var oldEmail = account.Email;
        var tellOld = AccountMail.Create(AccountMail.EmailChanged, oldEmail, account.Language, account.Id, new Dictionary<string, string>
        {
            ["name"] = account.DisplayName,
            ["newEmail"] = newEmail,
        });
        account.ChangeEmail(newEmail, now);
        try
        {
            await accounts.SaveAsync(account, [tellOld], cancellationToken);
        }
        catch
        {
            await accounts.ReleaseClaimAsync(newEmail, account.Id, CancellationToken.None);
            throw;
        }
        await accounts.ReleaseClaimAsync(oldEmail, account.Id, cancellationToken);
        await sessions.EndAllAsync(account.Id, confirmer?.AccountId == account.Id ? confirmer.SessionId : null, cancellationToken);
        return account;
    }

    public async Task<AccountExport> ExportAsync(CustomerCaller caller, CancellationToken cancellationToken)
    {
        var account = await MeAsync(caller, cancellationToken);
        return new AccountExport(account, await sessions.ListAsync(account.Id, cancellationToken));
    }

    /// <summary>Erases the account: personal data gone, address released, every session ended, a last mail to the old address.</summary>
    public async Task DeleteAsync(CustomerCaller caller, string? password, CancellationToken cancellationToken)
    {
        new Validator().Required("password", password).MaxLength("password", password, PasswordPolicy.MaxLength).ThrowIfInvalid();
        var account = await MeAsync(caller, cancellationToken);
        await CheckPasswordAsync(account, password, "password", cancellationToken);
        var email = account.Email;
        var farewell = Mail(AccountMail.Deleted, account);
        account.Erase(clock.UtcNow);
        await accounts.SaveAsync(account, [farewell], cancellationToken);
        await accounts.ReleaseClaimAsync(email, account.Id, cancellationToken);
        await sessions.EndAllAsync(account.Id, null, cancellationToken);
    }

    public async Task<AccountContact?> ContactAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.FindAsync(accountId, cancellationToken) is { IsDeleted: false } account
            ? new AccountContact(account.Id, account.Email, account.DisplayName, account.Language, account.TimeZone, account.MutedMail, account.Company, account.Phone)
            : null;

    /// <summary>The account that holds the address, or null; a stale claim (left by a crash) does not count.</summary>
    private async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (await accounts.FindClaimAsync(email, cancellationToken) is not { } claim)
        {
            return null;
        }
        var account = await accounts.FindAsync(claim.AccountId, cancellationToken);
        return account is { IsDeleted: false } && account.Email == email ? account : null;
    }

    /// <summary>Claims the address by insert; a claim whose account never came to hold the address is taken over after a grace period.</summary>
    private async Task<bool> ClaimAsync(string email, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await accounts.TryClaimEmailAsync(email, accountId, now, cancellationToken))
        {
            return true;
        }
        var claim = await accounts.FindClaimAsync(email, cancellationToken);
        if (claim is null)
        {
            return await accounts.TryClaimEmailAsync(email, accountId, now, cancellationToken);
        }
        if (claim.AccountId == accountId)
        {
            return true;
        }
        if (now - claim.ClaimedAt < ClaimGrace)
        {
            return false;
        }
        var holder = await accounts.FindAsync(claim.AccountId, cancellationToken);
        var stale = holder is null || holder.IsDeleted || holder.Email != email;
        return stale && await accounts.TakeOverClaimAsync(email, claim, accountId, now, cancellationToken);
    }

    private async Task TellExistingOwnerAsync(string email, string language, CancellationToken cancellationToken)
    {
        var account = await FindByEmailAsync(email, cancellationToken);
        if (account is { IsVerified: false })
        {
            var token = await tokens.IssueAsync(new AccountTokenGrant(
                AccountTokenPurpose.VerifyEmail, account.Id, account.SecurityStamp, clock.UtcNow + VerifyLifetime), cancellationToken);
            await mail.EnqueueAsync(VerifyMail(account, token), cancellationToken);
            return;
        }
        var values = SignInLinks();
        values["name"] = account?.DisplayName ?? "";
        await mail.EnqueueAsync(AccountMail.Create(AccountMail.AlreadyRegistered, email, account?.Language ?? language, account?.Id, values), cancellationToken);
    }

    private async Task<(Account Account, AccountTokenGrant Grant)> RedeemAsync(AccountTokenPurpose purpose, string? token, CancellationToken cancellationToken)
    {
        new Validator().Required("token", token).MaxLength("token", token, 200).ThrowIfInvalid();
        var grant = await tokens.RedeemAsync(purpose, token!.Trim(), cancellationToken);
        if (grant is null || grant.ExpiresAt <= clock.UtcNow)
        {
            throw InvalidToken();
        }
        var account = await accounts.FindAsync(grant.AccountId, cancellationToken);
        if (account is null || account.IsDeleted || account.SecurityStamp != grant.SecurityStamp)
        {
            throw InvalidToken();
        }
        return (account, grant);
    }

    private async Task CheckPasswordAsync(Account account, string? password, string field, CancellationToken cancellationToken)
    {
        await throttle.EnsureAllowedAsync(PasswordCheckPerAccount, account.Id, cancellationToken);
        if (string.IsNullOrEmpty(password) || !passwords.Verify(account.PasswordHash, password))
        {
            await throttle.HitAsync(PasswordCheckPerAccount, account.Id, cancellationToken);
            throw new DomainException(FailureKind.RuleViolated, "wrong_password", "The password is wrong.",
                new Dictionary<string, string[]> { [field] = ["The password is wrong."] });
        }
    }

    private static void RequirePolicy(string field, string? password, string? email)
    {
        var validator = new Validator();
        foreach (var problem in PasswordPolicy.Problems(password, email))
        {
            validator.Add(field, problem);
        }
        validator.ThrowIfInvalid();
    }

    private static bool IsTimeZone(string id) =>
        id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static DomainException InvalidToken() =>
        new(FailureKind.RuleViolated, "token_invalid", "This link is invalid, already used or expired. Ask for a new one.");

    private Notification VerifyMail(Account account, string token) =>
        Mail(AccountMail.Verify, account, new Dictionary<string, string>
        {
            ["link"] = AccountMail.Link(settings, "/verify", token),
            ["hours"] = ((int)VerifyLifetime.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private Dictionary<string, string> SignInLinks() => new(StringComparer.Ordinal)
    {
        ["signInLink"] = $"{settings.BaseUrl.TrimEnd('/')}/sign-in",
        ["resetLink"] = $"{settings.BaseUrl.TrimEnd('/')}/forgot-password",
    };

    private static Notification Mail(string template, Account account, IDictionary<string, string>? values = null)
    {
        var all = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["name"] = account.DisplayName };
        return AccountMail.Create(template, account.Email, account.Language, account.Id, all);
    }
}
