using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// Mailed single-use tokens in <c>accounttokens</c>: the key is the SHA-256 of the random token (the token itself is
/// never stored), redemption deletes the row with its ETag so only one of two concurrent redemptions wins.
/// </summary>
public sealed class AccountTokenTable(StorageClients storage, ExpiryIndex expiries) : IAccountTokens
{
    private const string TableName = "accounttokens";

    public async Task<string> IssueAsync(AccountTokenGrant grant, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var token = Keys.RandomToken();
        var partitionKey = Keys.Hash(token);
        await table.AddEntityAsync(new TableEntity(partitionKey, grant.Purpose.ToString())
        {
            ["AccountId"] = grant.AccountId,
            ["SecurityStamp"] = grant.SecurityStamp,
            ["ExpiresAt"] = grant.ExpiresAt,
            ["NewEmail"] = grant.NewEmail,
        }, cancellationToken);
        await expiries.ScheduleAsync(TableName, partitionKey, grant.Purpose.ToString(), grant.ExpiresAt, cancellationToken);
        return token;
    }

    public async Task<AccountTokenGrant?> RedeemAsync(AccountTokenPurpose purpose, string rawToken, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Keys.Hash(rawToken), purpose.ToString(), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        try
        {
            await table.DeleteEntityAsync(row.Value!, row.Value!.ETag, cancellationToken);
        }
        catch (RequestFailedException raced) when (raced.Status is 404 or 412)
        {
            return null;
        }
        var entity = row.Value!;
        return new AccountTokenGrant(purpose, entity.GetString("AccountId"), entity.GetString("SecurityStamp"),
            entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, entity.GetString("NewEmail"));
    }
}
