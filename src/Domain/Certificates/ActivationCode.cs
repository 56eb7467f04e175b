using System.Security.Cryptography;
using System.Text;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// The secret that proves a certificate was bought: 16 random base32 symbols (80 bits), shown once at issue and
/// kept only as a salted SHA-256 hash. (80 random bits need no slow hash; guessing is throttled besides.)
/// </summary>
public static class ActivationCode
{
    private const int Length = 16;

    public static string New()
    {
        var symbols = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            symbols[i] = Serial.Alphabet[RandomNumberGenerator.GetInt32(Serial.Alphabet.Length)];
        }
        var code = new string(symbols);
        return $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}";
    }

    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string code, string salt) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}|{Normalize(code)}")));

    public static bool Matches(string? offered, string salt, string hash) =>
        offered is not null
        && offered.Length <= 64
        && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(Hash(offered, salt)), Convert.FromBase64String(hash));

    private static string Normalize(string code)
    {
        var symbols = new StringBuilder(Length);
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            symbols.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
        }
        return symbols.ToString();
    }
}
