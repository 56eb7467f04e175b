using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Functions.Http;

/// <summary>An RFC 9457 problem document with the API's stable machine <see cref="Code"/>.</summary>
public sealed record Problem(
    int Status,
    string Title,
    string Detail,
    string Code,
    string? CorrelationId = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    public string Type { get; init; } = "about:blank";

    public static Problem Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(status, ReasonPhrases.GetReasonPhrase(status), detail, code, null, errors);

    public static Problem From(DomainException exception) =>
        Create(StatusOf(exception.Kind), exception.Code, exception.Message, exception.Errors);

    public ApiResult ToResult(TimeSpan? retryAfter = null)
    {
        var result = new ApiResult(Status, this, ContentType);
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            result.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }
        return result;
    }

    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Malformed => StatusCodes.Status400BadRequest,
        FailureKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.StaleVersion => StatusCodes.Status412PreconditionFailed,
        FailureKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        FailureKind.RuleViolated => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Throttled => StatusCodes.Status429TooManyRequests,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
