using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Accounts;

/// <summary>
/// Email addresses as the accounts capability compares them: trimmed, compatibility forms folded (NFKC: a full-width
/// «ｃ» is «c»), case-insensitive. An address that could pass for another on screen is refused, so the desk never
/// shows two accounts that look the same: a part mixing Latin, Cyrillic or Greek letters, a Cyrillic or Greek part
/// whose every letter has a Latin twin, and any invisible character (see <see cref="LookAlikes"/>).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>The form an address is stored, claimed and looked up in; null when it is not a plausible address.</summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }
        if (raw.Length > MaxLength * 2 || LookAlikes.HasInvisible(raw))
        {
            return null;
        }
        var trimmed = raw.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        return IsPlausible(trimmed) && !PassesForAnother(trimmed) ? trimmed : null;
    }

    private static bool PassesForAnother(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return LookAlikes.CanPassForAnother(address[..at]) || address[(at + 1)..].Split('.').Any(LookAlikes.CanPassForAnother);
    }

    private static bool IsPlausible(string address)
    {
        if (address.Length is < 3 or > MaxLength)
        {
            return false;
        }
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1 || at > 64)
        {
            return false;
        }
        var domain = address[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal)
            && address.All(c => c > ' ' && c != 0x7F && c is not ('<' or '>' or '(' or ')' or ',' or ';' or ':' or '"' or '[' or ']' or '\\'));
    }
}
