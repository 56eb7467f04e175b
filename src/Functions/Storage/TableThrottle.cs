using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Storage;

/// <summary>
/// Fixed-window counters in the <c>throttle</c> table: one row per (policy, subject, window), incremented with
/// ETags so concurrent attempts are all counted. Subjects are hashed: no email or address is stored.
/// </summary>
public sealed class TableThrottle(StorageClients storage, ExpiryIndex expiries, IClock clock) : IThrottle
{
    private const string TableName = "throttle";

    public async Task HitAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var (rowKey, windowEnd) = Window(policy, subject);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(policy.Name, rowKey, cancellationToken: cancellationToken);
            var count = current.HasValue ? current.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= policy.Limit)
            {
                throw Throttled.Because(policy, windowEnd - clock.UtcNow);
            }
            try
            {
                var row = new TableEntity(policy.Name, rowKey) { ["Count"] = count + 1, ["ExpiresAt"] = windowEnd };
                if (current.HasValue)
                {
                    await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken);
                    await expiries.ScheduleAsync(TableName, policy.Name, rowKey, windowEnd, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412)
            {
                // Another attempt counted first; read again and count on top of it.
            }
        }
        throw Throttled.Because(policy, TimeSpan.FromSeconds(1));
    }

    public async Task EnsureAllowedAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var (rowKey, windowEnd) = Window(policy, subject);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(policy.Name, rowKey, cancellationToken: cancellationToken);
        if (current.HasValue && (current.Value!.GetInt32("Count") ?? 0) >= policy.Limit)
        {
            throw Throttled.Because(policy, windowEnd - clock.UtcNow);
        }
    }

    public async Task ResetAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var (rowKey, _) = Window(policy, subject);
        await table.DeleteEntityAsync(policy.Name, rowKey, ETag.All, cancellationToken);
    }

    private (string RowKey, DateTimeOffset WindowEnd) Window(ThrottlePolicy policy, string subject)
    {
        var windowTicks = policy.Window.Ticks;
        var index = clock.UtcNow.UtcTicks / windowTicks;
        var subjectHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];
        return ($"{subjectHash}-{index:D19}", new DateTimeOffset((index + 1) * windowTicks, TimeSpan.Zero));
    }
}
