using Azure.Data.Tables;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Accounts;

/// <summary>A verified demo customer, <see cref="Email"/> / <see cref="Password"/>, so the local portal can be signed into.</summary>
public sealed class AccountDemoSeeder(StorageClients storage, IPasswordHashing passwords, IClock clock) : IDemoSeeder
{
    public const string AccountId = "00000000000000000000000000000de0";
    public const string Email = "demo@example.com";
    public const string Password = "Demo-Customer-2026";

    public int Order => 10;
    public string Name => "accounts";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var accounts = await storage.TableAsync(AccountTable.TableName);
        await accounts.UpsertEntityAsync(new TableEntity(AccountId, "account")
        {
            ["Email"] = Email,
            ["DisplayName"] = "Демо Клиент",
            ["Language"] = "ru",
            ["TimeZone"] = "Europe/Moscow",
            ["Company"] = "ООО «Пример»",
            ["MutedMail"] = "",
            ["PasswordHash"] = passwords.Hash(Password),
            ["CreatedAt"] = now,
            ["VerifiedAt"] = now,
            ["SecurityStamp"] = Guid.NewGuid().ToString("N"),
        }, TableUpdateMode.Replace, cancellationToken);
        var claims = await storage.TableAsync(AccountTable.ClaimTableName);
        await claims.UpsertEntityAsync(new TableEntity(Keys.Hash(EmailAddress.Normalize(Email)!), "claim")
        {
            ["AccountId"] = AccountId,
            ["ClaimedAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
