using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Notifications;

/// <summary>
/// The sent-mail log in <c>mailsent</c>: one row per notification id (hashed), inserted as "sending" before the send and
/// marked "sent" after it. Rows expire after <see cref="KeepFor"/> (longer than a queue message can live).
/// </summary>
public sealed class SentMailTable(StorageClients storage, ExpiryIndex expiries, IClock clock) : ISentMailLog
{
    public const string TableName = "mailsent";
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(8);
    private const string Row = "mail";

    public async Task<SendClaim> ClaimAsync(string notificationId, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var key = Key(notificationId);
        var now = clock.UtcNow;
        try
        {
            await table.AddEntityAsync(new TableEntity(key, Row) { ["State"] = "sending", ["ClaimedAt"] = now, ["ExpiresAt"] = now + KeepFor }, cancellationToken);
            await expiries.ScheduleAsync(TableName, key, Row, now + KeepFor, cancellationToken);
            return SendClaim.Claimed;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
        }
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, Row, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            return SendClaim.InProgress;
        }
        var row = existing.Value!;
        if (row.GetString("State") != "sending")
        {
            return SendClaim.AlreadySent;
        }
        if (row.GetDateTimeOffset("ClaimedAt") is { } claimedAt && now - claimedAt < staleAfter)
        {
            return SendClaim.InProgress;
        }
        try
        {
            row["ClaimedAt"] = now;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return SendClaim.Claimed;
        }
        catch (RequestFailedException raced) when (raced.Status is 404 or 412)
        {
            return SendClaim.InProgress;
        }
    }

    public async Task MarkSentAsync(string notificationId, string outcome, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.UpdateEntityAsync(new TableEntity(Key(notificationId), Row) { ["State"] = outcome, ["SentAt"] = clock.UtcNow },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ReleaseAsync(string notificationId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.DeleteEntityAsync(Key(notificationId), Row, ETag.All, cancellationToken);
    }

    private static string Key(string notificationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notificationId)));
}
