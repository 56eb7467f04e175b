namespace SupportFunctions.Domain.Accounts;

/// <summary>
/// What a password must be: 10 to 256 characters exactly as typed (never trimmed or truncated), not one of the
/// passwords attackers try first, and not the account's own email.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    // The most frequent entries of public breach corpora that are at least MinLength long, plus obvious local ones.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "0123456789", "1234567890a", "123456789a", "1q2w3e4r5t", "1q2w3e4r5t6y",
        "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "1qaz2wsx3edc", "zaq12wsxcde3", "asdfghjkl1",
        "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou123", "qwertyuiop1",
        "abcdefghij", "abc1234567", "0987654321", "1111111111", "0000000000", "9876543210", "1234512345",
        "1122334455", "5555555555", "7777777777", "8888888888", "9999999999", "2222222222", "3333333333",
        "aaaaaaaaaa", "qqqqqqqqqq", "administrator", "admin12345", "welcome123", "letmein123", "sunshine12",
        "football123", "baseball123", "princess123", "monkey12345", "dragon12345", "superman123", "michael123",
        "changeme123", "trustno1234", "starwars123", "whatever123", "computer123", "internet123", "qazwsxedcrfv",
        "йцукенгшщз", "йцукенгшщзх", "пароль12345", "пароль123456", "1234567890й", "ytrewq1234", "zxcvbnm123",
        "zxcvbnm1234", "asdfghjkl;", "qwerty123!", "password!1", "password01", "password2024", "password2025",
        "password2026", "supportfunctions", "support123", "helpdesk123",
    };

    /// <returns>The reasons the password is refused; empty when it is acceptable.</returns>
    public static IReadOnlyList<string> Problems(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return ["Required."];
        }
        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add($"At least {MinLength} characters.");
        }
        if (password.Length > MaxLength)
        {
            problems.Add($"At most {MaxLength} characters.");
        }
        if (IsCommon(password))
        {
            problems.Add("This password is too common; choose another.");
        }
        else if (email is not null && string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Do not use your email as the password.");
        }
        return problems;
    }

    private static bool IsCommon(string password) =>
        Common.Contains(password) || password.Distinct().Count() <= 2;
}
