namespace SupportFunctions.Domain.Accounts;

/// <summary>Email addresses as the accounts capability compares them: trimmed and case-insensitive.</summary>
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
        var trimmed = raw.Trim().ToLowerInvariant();
        return IsPlausible(trimmed) ? trimmed : null;
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
