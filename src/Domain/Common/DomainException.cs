namespace SupportFunctions.Domain.Common;

/// <summary>What kind of refusal a rule produced; the HTTP edge maps each kind to one status.</summary>
public enum FailureKind
{
    Malformed,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    StaleVersion,
    PreconditionRequired,
    TooLarge,
    UnsupportedMediaType,
    RuleViolated,
    Throttled,
    Unavailable,
}

/// <summary>
/// A rule refused the request. <see cref="Code"/> is the stable snake_case code clients switch on;
/// <see cref="Errors"/> holds per-field messages for validation failures.
/// </summary>
public class DomainException : Exception
{
    public DomainException(FailureKind kind, string code, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Errors = errors;
    }

    public FailureKind Kind { get; }
    public string Code { get; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; }
    public TimeSpan? RetryAfter { get; init; }

    public static DomainException NotFound(string what) =>
        new(FailureKind.NotFound, "not_found", $"The {what} was not found.");

    public static DomainException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureKind.Malformed, "validation_failed", "One or more fields are invalid.", errors);

    public static DomainException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
