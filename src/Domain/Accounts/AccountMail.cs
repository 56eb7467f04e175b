using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Domain.Accounts;

/// <summary>The mails the accounts capability sends. All of them are security mails: no preference mutes them.</summary>
public static class AccountMail
{
    public const string Verify = "account.verify";
    public const string AlreadyRegistered = "account.already_registered";
    public const string PasswordReset = "account.password_reset";
    public const string PasswordChanged = "account.password_changed";
    public const string EmailChangeConfirm = "account.email_change_confirm";
    public const string EmailChanged = "account.email_changed";
    public const string Deleted = "account.deleted";
    public const string ResetUnknown = "account.reset_unknown";
    public const string Invited = "account.invited";

    public static bool IsSecurityMail(string template) => template.StartsWith("account.", StringComparison.Ordinal);

    public static Notification Create(string template, string recipient, string language, string? accountId, IDictionary<string, string> values)
    {
        var all = new Dictionary<string, string>(values, StringComparer.Ordinal);
        if (accountId is not null)
        {
            all["accountId"] = accountId;
        }
        return new Notification(Guid.NewGuid().ToString("N"), template, recipient, language, all);
    }

    public static string Link(AccountSettings settings, string path, string token) =>
        $"{settings.BaseUrl.TrimEnd('/')}{path}?token={Uri.EscapeDataString(token)}";
}
