using System.Security.Cryptography;
using System.Text;

namespace SupportFunctions.Functions.Accounts;

/// <summary>Storage keys of the accounts capability: ids we generate, and hashes of anything a user typed.</summary>
internal static class Keys
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Our ids are 32 lowercase hex digits; anything else never reaches a key.</summary>
    public static bool IsId(string? value) =>
        value is { Length: 32 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string RandomToken() =>
        Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
