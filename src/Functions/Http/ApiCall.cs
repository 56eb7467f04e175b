using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Functions.Http;

/// <summary>One HTTP call as a function sees it: the request, its correlation id, its caller and a safe body reader.</summary>
public sealed class ApiCall
{
    private readonly CallerResolver _callers;
    private readonly IdempotencyStore _idempotency;
    private string? _bodyFingerprint;
    private readonly long _maxBodyBytes;
    private Caller? _caller;

    internal ApiCall(HttpRequest request, string correlationId, CallerResolver callers, IdempotencyStore idempotency, long maxBodyBytes)
    {
        _idempotency = idempotency;
        Request = request;
        CorrelationId = correlationId;
        _callers = callers;
        _maxBodyBytes = maxBodyBytes;
    }

    public HttpRequest Request { get; }
    public string CorrelationId { get; }
    public CancellationToken Aborted => Request.HttpContext.RequestAborted;

    public async Task<Caller> CallerAsync() => _caller ??= await _callers.ResolveAsync(Request, Aborted);

    public async Task<CustomerCaller> RequireCustomerAsync() =>
        await CallerAsync() as CustomerCaller ?? throw Unauthenticated();

    public async Task<StaffCaller> RequireStaffAsync(string role)
    {
        var caller = await CallerAsync();
        if (caller is not StaffCaller staff)
        {
            throw caller is AnonymousCaller ? Unauthenticated() : Forbidden();
        }
        var allowed = role == StaffCaller.AgentRole ? staff.IsAgent : staff.Roles.Contains(role);
        return allowed ? staff : throw Forbidden();
    }

    public async Task<PartnerCaller> RequirePartnerAsync(string role)
    {
        var caller = await CallerAsync();
        if (caller is not PartnerCaller partner)
        {
            throw caller is AnonymousCaller ? Unauthenticated() : Forbidden();
        }
        return partner.Roles.Contains(role) ? partner : throw Forbidden();
    }

    /// <summary>Runs a create at most once per <c>Idempotency-Key</c> from this caller; without the header it just runs.</summary>
    public async Task<ApiResult> CreateOnceAsync(string operation, Func<Task<ApiResult>> create, Func<object, object>? rememberAs = null) =>
        await _idempotency.RunOnceAsync(await CallerAsync(), operation, Header(IdempotencyStore.Header), _bodyFingerprint ?? "", create, Aborted, rememberAs);

    /// <summary>
    /// The client's address for throttling: the last <c>X-Forwarded-For</c> entry (added by the platform's front end,
    /// so a client cannot forge it), else the connection's address.
    /// </summary>
    public string ClientAddress =>
        Header("X-Forwarded-For")?.Split(',').Select(a => a.Trim()).LastOrDefault(a => a.Length > 0)
        ?? Request.HttpContext.Connection.RemoteIpAddress?.ToString()
        ?? "unknown";

    public string? Header(string name) =>
        Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public string? Query(string name) =>
        Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Reads a JSON body of at most the configured size; refuses other media types and malformed JSON.</summary>
    public async Task<T> ReadJsonAsync<T>() where T : class
    {
        if (!IsJson(Request.ContentType))
        {
            throw new DomainException(FailureKind.UnsupportedMediaType, "unsupported_media_type", "Send the body as application/json.");
        }
        var body = await ReadLimitedBodyAsync();
        if (body.Length == 0)
        {
            throw new DomainException(FailureKind.Malformed, "malformed_json", "The request body is empty.");
        }
        try
        {
            // The serializer sees duplicates only among the fields it binds; the document sees every one, unknown fields too.
            using (JsonDocument.Parse(body, WholeDocument))
            {
            }
            return JsonSerializer.Deserialize<T>(body, ApiJson.Options)
                ?? throw new DomainException(FailureKind.Malformed, "malformed_json", "The request body must be a JSON object.");
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : "";
            throw new DomainException(FailureKind.Malformed, "malformed_json", $"The request body is not valid JSON for this operation{where}.");
        }
    }

    private static readonly JsonDocumentOptions WholeDocument = new() { MaxDepth = ApiJson.Options.MaxDepth, AllowDuplicateProperties = false };

    private async Task<byte[]> ReadLimitedBodyAsync()
    {
        if (Request.ContentLength > _maxBodyBytes)
        {
            throw TooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.ToArray();
        _bodyFingerprint = IdempotencyStore.FingerprintOf(body);
        return body;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private DomainException TooLarge() =>
        new(FailureKind.TooLarge, "request_too_large", $"The request body is larger than {_maxBodyBytes} bytes.");

    private static DomainException Unauthenticated() =>
        new(FailureKind.Unauthenticated, "unauthenticated", "Sign in to do this.");

    private static DomainException Forbidden() =>
        new(FailureKind.Forbidden, "forbidden", "You are not allowed to do this.");
}
