using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// Accounts in the <c>accounts</c> table (partition = account id, row <c>account</c>), each with its mail outbox in the
/// same partition: the account change and the mails it causes commit in one entity-group transaction, are then queued,
/// and the outbox row is deleted. A crash in between leaves the outbox row for <see cref="MailOutboxRepair"/>, which finds it
/// through the <see cref="MailOutbox"/> entry written before the commit.
/// Address claims live in <c>accountemails</c>, keyed by the SHA-256 of the normalised address (no address in a key).
/// </summary>
public sealed class AccountTable(StorageClients storage, INotificationQueue queue, IClock clock, MailOutbox outbox) : IAccountStore, IMailOutboxTable
{
    public const string TableName = "accounts";
    public const string ClaimTableName = "accountemails";
    private const string AccountRow = "account";
    private const string OutboxPrefix = "outbox-";

    public async Task<bool> TryClaimEmailAsync(string email, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claims = await storage.TableAsync(ClaimTableName);
        try
        {
            await claims.AddEntityAsync(new TableEntity(Keys.Hash(email), "claim") { ["AccountId"] = accountId, ["ClaimedAt"] = now }, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<EmailClaim?> FindClaimAsync(string email, CancellationToken cancellationToken)
    {
        var claims = await storage.TableAsync(ClaimTableName);
        var row = await claims.GetEntityIfExistsAsync<TableEntity>(Keys.Hash(email), "claim", cancellationToken: cancellationToken);
        return row.HasValue
            ? new EmailClaim(row.Value!.GetString("AccountId"), row.Value.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue, row.Value.ETag.ToString())
            : null;
    }

    public async Task<bool> TakeOverClaimAsync(string email, EmailClaim stale, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claims = await storage.TableAsync(ClaimTableName);
        try
        {
            await claims.UpdateEntityAsync(new TableEntity(Keys.Hash(email), "claim") { ["AccountId"] = accountId, ["ClaimedAt"] = now },
                new ETag(stale.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException raced) when (raced.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseClaimAsync(string email, string accountId, CancellationToken cancellationToken)
    {
        if (await FindClaimAsync(email, cancellationToken) is not { } claim || claim.AccountId != accountId)
        {
            return;
        }
        var claims = await storage.TableAsync(ClaimTableName);
        try
        {
            await claims.DeleteEntityAsync(Keys.Hash(email), "claim", new ETag(claim.Version), cancellationToken);
        }
        catch (RequestFailedException raced) when (raced.Status is 404 or 412)
        {
            // Someone else holds or released it meanwhile: nothing of ours to release.
        }
    }

    public async Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!Keys.IsId(accountId))
        {
            return null;
        }
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(accountId, AccountRow, cancellationToken: cancellationToken);
        return row.HasValue ? ToAccount(row.Value!) : null;
    }

    public Task CreateAsync(Account account, IReadOnlyList<Notification> mails, CancellationToken cancellationToken) =>
        CommitAsync(account, new TableTransactionAction(TableTransactionActionType.Add, ToEntity(account)), mails, cancellationToken);

    public Task SaveAsync(Account account, IReadOnlyList<Notification> mails, CancellationToken cancellationToken) =>
        CommitAsync(account,
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(account), new ETag(account.Version ?? throw new InvalidOperationException("Save an account that was read."))),
            mails, cancellationToken);

    string IMailOutboxTable.TableName => TableName;

    Task<IReadOnlyList<Notification>> IMailOutboxTable.ComposeAsync(string partitionKey, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>(rows.Select(row => JsonSerializer.Deserialize<Notification>(row.GetString("Message"), ApiJson.Options)!).ToList());

    private async Task CommitAsync(Account account, TableTransactionAction change, IReadOnlyList<Notification> mails, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var now = clock.UtcNow;
        if (mails.Count > 0)
        {
            await outbox.ScheduleAsync(TableName, account.Id, OutboxPrefix, cancellationToken);
        }
        var actions = new List<TableTransactionAction> { change };
        actions.AddRange(mails.Select(mail => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(account.Id, OutboxPrefix + mail.Id)
        {
            ["Message"] = JsonSerializer.Serialize(mail, ApiJson.Options),
            ["CreatedAt"] = now,
        })));
        Response<IReadOnlyList<Response>> committed;
        try
        {
            committed = await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 412 or 409 && failed.FailedTransactionActionIndex == 0)
        {
            throw new DomainException(FailureKind.StaleVersion, "stale_version", "The account changed meanwhile; load it again and retry.");
        }
        account.Stored(committed.Value[0].Headers.ETag?.ToString() ?? "");
        foreach (var mail in mails)
        {
            await queue.EnqueueAsync(mail, cancellationToken);
            await table.DeleteEntityAsync(account.Id, OutboxPrefix + mail.Id, ETag.All, cancellationToken);
        }
    }

    private static TableEntity ToEntity(Account account) => new(account.Id, AccountRow)
    {
        ["Email"] = account.Email,
        ["DisplayName"] = account.DisplayName,
        ["Language"] = account.Language,
        ["TimeZone"] = account.TimeZone,
        ["Company"] = account.Company,
        ["Phone"] = account.Phone,
        ["MutedMail"] = string.Join(',', account.MutedMail.Order(StringComparer.Ordinal)),
        ["PasswordHash"] = account.PasswordHash,
        ["CreatedAt"] = account.CreatedAt,
        ["VerifiedAt"] = account.VerifiedAt,
        ["DeletedAt"] = account.DeletedAt,
        ["SecurityStamp"] = account.SecurityStamp,
    };

    private static Account ToAccount(TableEntity row) => Account.Restore(
        row.PartitionKey,
        row.GetString("Email") ?? "",
        row.GetString("DisplayName") ?? "",
        row.GetString("Language") ?? "ru",
        row.GetString("TimeZone") ?? "Europe/Moscow",
        row.GetString("Company"),
        row.GetString("Phone"),
        (row.GetString("MutedMail") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetString("PasswordHash") ?? "",
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("VerifiedAt"),
        row.GetDateTimeOffset("DeletedAt"),
        row.GetString("SecurityStamp") ?? "",
        row.ETag.ToString());
}
