using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Http;

/// <summary>
/// <c>Idempotency-Key</c> for POSTs that create: the same key from the same caller for the same operation within
/// 24 h returns the first answer and creates nothing new; the same key with a different body is refused (422). A claim
/// row is inserted before the work runs (uniqueness from the insert, not a read), completed with the answer, or deleted
/// when the work fails.
/// </summary>
public sealed class IdempotencyStore(StorageClients storage, ExpiryIndex expiries, IClock clock)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const string TableName = "idempotency";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const int MaxStoredBodyChars = 30_000;

    /// <param name="rememberAs">
    /// The body kept for replays when it must differ from the first answer (a secret shown once is left out);
    /// by default the first answer's body.
    /// </param>
    public async Task<ApiResult> RunOnceAsync(
        Caller caller, string operation, string? key, string bodyFingerprint, Func<Task<ApiResult>> create, CancellationToken cancellationToken,
        Func<object, object>? rememberAs = null)
    {
        if (key is null)
        {
            return await create();
        }
        ValidateKey(key);
        var table = await storage.TableAsync(TableName);
        var partitionKey = Hash($"{caller.Key}|{operation}");
        var rowKey = Hash(key);
        var expiresAt = clock.UtcNow + Lifetime;

        if (!await TryClaimAsync(table, partitionKey, rowKey, bodyFingerprint, expiresAt, cancellationToken))
        {
            return await ReplayAsync(table, partitionKey, rowKey, bodyFingerprint, cancellationToken);
        }
        ApiResult result;
        try
        {
            result = await create();
        }
        catch
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, CancellationToken.None);
            throw;
        }
        await CompleteAsync(table, partitionKey, rowKey, bodyFingerprint, expiresAt, result, rememberAs, cancellationToken);
        return result;
    }

    /// <summary>A digest of a request body, to tell a retry from a different request under the same key.</summary>
    public static string FingerprintOf(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// Inserts the claim. A conflict on a claim carrying this attempt's own token is this insert itself, committed on a try
    /// whose answer was lost and then repeated by the SDK's retry: the claim is ours.
    /// </summary>
    private async Task<bool> TryClaimAsync(
        TableClient table, string partitionKey, string rowKey, string bodyFingerprint, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var attempt = Guid.NewGuid().ToString("N");
        try
        {
            await table.AddEntityAsync(new TableEntity(partitionKey, rowKey)
            {
                ["State"] = "pending",
                ["ExpiresAt"] = expiresAt,
                ["Fingerprint"] = bodyFingerprint,
                ["Attempt"] = attempt,
            }, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: ["Attempt"], cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value!.GetString("Attempt") != attempt)
            {
                return false;
            }
        }
        await expiries.ScheduleAsync(TableName, partitionKey, rowKey, expiresAt, cancellationToken);
        return true;
    }

    private static async Task CompleteAsync(
        TableClient table, string partitionKey, string rowKey, string bodyFingerprint, DateTimeOffset expiresAt, ApiResult result,
        Func<object, object>? rememberAs, CancellationToken cancellationToken)
    {
        var remembered = result.Body is null || rememberAs is null ? result.Body : rememberAs(result.Body);
        var body = remembered is null ? null : JsonSerializer.Serialize(remembered, remembered.GetType(), ApiJson.Options);
        if (result.StatusCode >= 300 || body is { Length: > MaxStoredBodyChars })
        {
            // A refusal is not remembered: the caller may fix the request and retry with the same key.
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return;
        }
        await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey)
        {
            ["State"] = "completed",
            ["ExpiresAt"] = expiresAt,
            ["Fingerprint"] = bodyFingerprint,
            ["StatusCode"] = result.StatusCode,
            ["Body"] = body,
        }, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task<ApiResult> ReplayAsync(TableClient table, string partitionKey, string rowKey, string bodyFingerprint, CancellationToken cancellationToken)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        if (stored.HasValue && stored.Value!.GetString("Fingerprint") is { } first && first != bodyFingerprint)
        {
            throw new DomainException(FailureKind.RuleViolated, "idempotency_key_reused",
                "This Idempotency-Key was used for a request with a different body. Use a new key for a new request.");
        }
        if (!stored.HasValue || stored.Value!.GetString("State") != "completed" || stored.Value.GetDateTimeOffset("ExpiresAt") < clock.UtcNow)
        {
            throw new DomainException(FailureKind.Conflict, "idempotency_key_in_use",
                "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        var entity = stored.Value;
        var body = entity.GetString("Body") is { } json ? JsonDocument.Parse(json).RootElement.Clone() : (object?)null;
        return new ApiResult(entity.GetInt32("StatusCode") ?? 200, body).WithHeader(ReplayedHeader, "true");
    }

    private static void ValidateKey(string key)
    {
        if (key.Length is 0 or > 200 || key.Any(c => c < 0x21 || c > 0x7E))
        {
            throw DomainException.Validation(Header, "Use 1 to 200 visible ASCII characters, for example a UUID.");
        }
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
