using Microsoft.AspNetCore.Identity;
using SupportFunctions.Domain.Accounts;

namespace SupportFunctions.Functions.Accounts;

/// <summary>ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, salted, versioned format).</summary>
public sealed class IdentityPasswordHashing : IPasswordHashing
{
    private sealed class Owner;

    private static readonly Owner Nobody = new();
    private readonly PasswordHasher<Owner> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
