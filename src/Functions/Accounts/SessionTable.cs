using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// Customer sessions: a row per session in <c>sessions</c> (partition = account, so "end all my other sessions" is one
/// partition) and a token <c>sfc1.{account}.{session}.{expiresUnix}.{HMAC-SHA256}</c>. A token is accepted when its
/// signature and expiry hold and its session row exists. The row check is cached in process for
/// <see cref="CacheFor"/>: a session ended on another instance may still be accepted there for at most that long;
/// on the instance that ends it, it is refused at once.
/// </summary>
public sealed class SessionTable(StorageClients storage, SigningKeys keys, ExpiryIndex expiries, IClock clock) : ISessionStore
{
    public const string TokenPrefix = "sfc1.";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const string TableName = "sessions";
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string? Name)> _checked = new(StringComparer.Ordinal);

    public async Task<IssuedSession> StartAsync(string accountId, string displayName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var session = new CustomerSession(accountId, Keys.NewId(), clock.UtcNow, expiresAt);
        await table.AddEntityAsync(new TableEntity(accountId, session.SessionId)
        {
            ["CreatedAt"] = session.CreatedAt,
            ["ExpiresAt"] = session.ExpiresAt,
            ["DisplayName"] = displayName,
        }, cancellationToken);
        await expiries.ScheduleAsync(TableName, accountId, session.SessionId, expiresAt, cancellationToken);
        var key = await keys.SessionKeyAsync();
        var payload = $"{TokenPrefix}{accountId}.{session.SessionId}.{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return new IssuedSession(session, $"{payload}.{Sign(key, payload)}", CsrfToken(key, session.SessionId));
    }

    public async Task RenameAsync(string accountId, string displayName, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        foreach (var session in await ListAsync(accountId, cancellationToken))
        {
            _checked.TryRemove(session.SessionId, out _);
            try
            {
                await table.UpdateEntityAsync(new TableEntity(accountId, session.SessionId) { ["DisplayName"] = displayName }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException ended) when (ended.Status == 404)
            {
                // Ended meanwhile: nothing to rename.
            }
        }
    }

    public async Task EndAsync(string accountId, string sessionId, CancellationToken cancellationToken)
    {
        _checked.TryRemove(sessionId, out _);
        var table = await storage.TableAsync(TableName);
        await table.DeleteEntityAsync(accountId, sessionId, ETag.All, cancellationToken);
    }

    public async Task EndAllAsync(string accountId, string? keepSessionId, CancellationToken cancellationToken)
    {
        var ended = (await ListAsync(accountId, cancellationToken)).Where(s => s.SessionId != keepSessionId).ToList();
        var table = await storage.TableAsync(TableName);
        foreach (var batch in ended.Chunk(100))
        {
            foreach (var session in batch)
            {
                _checked.TryRemove(session.SessionId, out _);
            }
            await table.SubmitTransactionAsync(
                batch.Select(s => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(accountId, s.SessionId), ETag.All)),
                cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CustomerSession>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var sessions = new List<CustomerSession>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken))
        {
            sessions.Add(new CustomerSession(accountId, row.RowKey, row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue));
        }
        return sessions;
    }

    /// <returns>The caller the token stands for; null when it is not a valid, live session token.</returns>
    public async Task<CustomerCaller?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        if (parts.Length != 5 || parts[0] + "." != TokenPrefix || !Keys.IsId(parts[1]) || !Keys.IsId(parts[2])
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix))
        {
            return null;
        }
        var key = await keys.SessionKeyAsync();
        var payload = string.Join('.', parts[..4]);
        var expected = Encoding.ASCII.GetBytes(Sign(key, payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[4])))
        {
            return null;
        }
        var now = clock.UtcNow;
        if (DateTimeOffset.FromUnixTimeSeconds(expiresUnix) <= now)
        {
            return null;
        }
        var (accountId, sessionId) = (parts[1], parts[2]);
        if (_checked.TryGetValue(sessionId, out var known) && known.Until > now)
        {
            return new CustomerCaller(accountId, sessionId, known.Name);
        }
        var table = await storage.TableAsync(TableName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(accountId, sessionId, ["ExpiresAt", "DisplayName"], cancellationToken);
        if (!row.HasValue || row.Value!.GetDateTimeOffset("ExpiresAt") is not { } expiresAt || expiresAt <= now)
        {
            _checked.TryRemove(sessionId, out _);
            return null;
        }
        var name = row.Value.GetString("DisplayName");
        _checked[sessionId] = (now + CacheFor, name);
        return new CustomerCaller(accountId, sessionId, name);
    }

    /// <summary>The CSRF token bound to a session: the browser must echo it in a header on cookie-authenticated changes.</summary>
    public async Task<bool> IsCsrfTokenAsync(string sessionId, string? offered)
    {
        if (string.IsNullOrEmpty(offered))
        {
            return false;
        }
        var expected = CsrfToken(await keys.SessionKeyAsync(), sessionId);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(offered));
    }

    private static string CsrfToken(byte[] key, string sessionId) => Sign(key, "csrf:" + sessionId);

    private static string Sign(byte[] key, string payload) =>
        Keys.Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
}
