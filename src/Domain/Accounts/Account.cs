using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Accounts;

/// <summary>A customer's portal account. The id never changes, so certificates and tickets survive an email change.</summary>
public sealed class Account
{
    public const int MaxDisplayName = 100;
    public const int MaxCompany = 200;
    public const int MaxPhone = 40;
    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    /// <summary>Mail categories a customer may mute. A template is in a category when its name is the category or starts with "category.".</summary>
    public static readonly IReadOnlyList<string> OptionalMailCategories = ["ticket_status", "ticket_reply", "certificate_expiry"];

    private Account(string id, string email, string displayName, string language, string passwordHash, DateTimeOffset createdAt)
    {
        Id = id;
        Email = email;
        DisplayName = displayName;
        Language = language;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public string Id { get; }
    public string Email { get; private set; }
    public string DisplayName { get; private set; }
    public string Language { get; private set; }
    public string TimeZone { get; private set; } = "Europe/Moscow";
    public string? Company { get; private set; }
    public string? Phone { get; private set; }
    public IReadOnlySet<string> MutedMail { get; private set; } = new HashSet<string>();
    public string PasswordHash { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset? VerifiedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Changes whenever the password or email changes; a token issued before no longer works.</summary>
    public string SecurityStamp { get; private set; }

    /// <summary>The storage version (ETag) this object was read at; null before its first save.</summary>
    public string? Version { get; private set; }

    public bool IsVerified => VerifiedAt is not null;

    /// <summary>Records the version storage gave the saved account (adapters only).</summary>
    public void Stored(string version) => Version = version;
    public bool IsDeleted => DeletedAt is not null;

    public static Account Register(string id, string email, string displayName, string language, string passwordHash, DateTimeOffset now) =>
        new(id, email, displayName.Trim(), language, passwordHash, now);

    /// <summary>Rebuilds an account from storage (adapters only).</summary>
    public static Account Restore(
        string id, string email, string displayName, string language, string timeZone, string? company, string? phone,
        IEnumerable<string> mutedMail, string passwordHash, DateTimeOffset createdAt, DateTimeOffset? verifiedAt,
        DateTimeOffset? deletedAt, string securityStamp, string version) =>
        new(id, email, displayName, language, passwordHash, createdAt)
        {
            TimeZone = timeZone,
            Company = company,
            Phone = phone,
            MutedMail = mutedMail.ToHashSet(StringComparer.Ordinal),
            VerifiedAt = verifiedAt,
            DeletedAt = deletedAt,
            SecurityStamp = securityStamp,
            Version = version,
        };

    public void Verify(DateTimeOffset now)
    {
        EnsureNotDeleted();
        VerifiedAt ??= now;
    }

    public void ChangeProfile(string? displayName, string? company, string? phone)
    {
        EnsureNotDeleted();
        if (displayName is not null)
        {
            DisplayName = displayName.Trim();
        }
        if (company is not null)
        {
            Company = company.Trim().Length == 0 ? null : company.Trim();
        }
        if (phone is not null)
        {
            Phone = phone.Trim().Length == 0 ? null : phone.Trim();
        }
    }

    public void ChangePreferences(string? language, string? timeZone, IReadOnlyDictionary<string, bool>? mail)
    {
        EnsureNotDeleted();
        Language = language ?? Language;
        TimeZone = timeZone ?? TimeZone;
        if (mail is not null)
        {
            var muted = MutedMail.ToHashSet(StringComparer.Ordinal);
            foreach (var (category, wanted) in mail)
            {
                if (wanted)
                {
                    muted.Remove(category);
                }
                else
                {
                    muted.Add(category);
                }
            }
            MutedMail = muted;
        }
    }

    public void ChangePassword(string newHash)
    {
        EnsureNotDeleted();
        PasswordHash = newHash;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>The new address was proven by its owner, so it counts as verified too.</summary>
    public void ChangeEmail(string newEmail, DateTimeOffset now)
    {
        EnsureNotDeleted();
        Email = newEmail;
        VerifiedAt ??= now;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    /// <summary>Erases everything personal; only the id and the time of deletion remain, so nothing can sign in or be mailed.</summary>
    public void Erase(DateTimeOffset now)
    {
        EnsureNotDeleted();
        DeletedAt = now;
        Email = "";
        DisplayName = "";
        Company = null;
        Phone = null;
        PasswordHash = "";
        MutedMail = new HashSet<string>();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public bool Mutes(string template) =>
        MutedMail.Any(category => template == category || template.StartsWith(category + ".", StringComparison.Ordinal));

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw DomainException.NotFound("account");
        }
    }
}
