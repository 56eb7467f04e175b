using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Http;

/// <summary>
/// What every HTTP function runs inside, identically under the Functions host and the DevHost:
/// correlation id, a log scope, the body limit, and the mapping of failures to problem+json.
/// </summary>
public sealed partial class ApiPipeline(CallerResolver callers, IdempotencyStore idempotency, IOptions<ApiOptions> options, ILogger<ApiPipeline> logger)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task<IActionResult> RunAsync(
        HttpRequest request,
        Func<ApiCall, Task<IActionResult>> handler,
        [CallerMemberName] string operation = "")
    {
        var correlationId = CorrelationIdOf(request);
        request.HttpContext.Response.Headers[CorrelationHeader] = correlationId;
        using var scope = logger.BeginScope("{Operation} {CorrelationId}", operation, correlationId);
        var started = Stopwatch.GetTimestamp();
        var result = await InvokeAsync(request, handler, correlationId);
        var status = StatusOf(result);
        SecurityHeaders.ApplyToApi(request, status);
        if (result is ApiResult answer && SecurityHeaders.MustNotBeStored(request, status))
        {
            answer.WithHeader("Cache-Control", SecurityHeaders.NoStore);
        }
        LogHandled(operation, request.Method, request.Path.Value ?? "", status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private async Task<IActionResult> InvokeAsync(HttpRequest request, Func<ApiCall, Task<IActionResult>> handler, string correlationId)
    {
        try
        {
            return await handler(new ApiCall(request, correlationId, callers, idempotency, options.Value.MaxRequestBodyBytes));
        }
        catch (DomainException refusal)
        {
            LogRefused(refusal.Code, refusal.Kind);
            var problem = Problem.From(refusal) with { CorrelationId = correlationId };
            return problem.ToResult(refusal.RetryAfter);
        }
        catch (BadHttpRequestException malformed)
        {
            var status = malformed.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
            return (Problem.Create(status, status == 413 ? "request_too_large" : "malformed_request", "The request could not be read.")
                with { CorrelationId = correlationId }).ToResult();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogAborted();
            return new ApiResult(499);
        }
        catch (Exception outage) when (StorageOutage.Is(outage))
        {
            LogStorageUnavailable(outage.GetType().Name, outage.Message);
            return (Problem.Create(StatusCodes.Status503ServiceUnavailable, "storage_unavailable",
                    "The service cannot reach its storage right now. Try again in a few seconds.")
                with { CorrelationId = correlationId }).ToResult(StorageOutage.RetryAfter);
        }
#pragma warning disable CA1031 // The edge must turn every unexpected failure into a 500 without internals.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogFailed(failure);
            return (Problem.Create(StatusCodes.Status500InternalServerError, "internal_error",
                    $"Something went wrong on our side. Quote {correlationId} when you contact us.")
                with { CorrelationId = correlationId }).ToResult();
        }
    }

    private static string CorrelationIdOf(HttpRequest request)
    {
        var offered = request.Headers[CorrelationHeader].ToString();
        return IsSafeCorrelationId(offered) ? offered : Guid.NewGuid().ToString("N");
    }

    private static bool IsSafeCorrelationId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static int StatusOf(IActionResult result) => result is ApiResult api ? api.StatusCode : 200;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Operation} {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string operation, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused with {Code} ({Kind})")]
    private partial void LogRefused(string code, FailureKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client went away before the answer")]
    private partial void LogAborted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({Failure}: {Reason}); answered 503")]
    private partial void LogStorageUnavailable(string failure, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure")]
    private partial void LogFailed(Exception failure);
}
