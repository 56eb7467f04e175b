namespace SupportFunctions.Domain.Common;

/// <summary>At most <see cref="Limit"/> attempts per subject in each fixed <see cref="Window"/>.</summary>
public sealed record ThrottlePolicy(string Name, int Limit, TimeSpan Window);

/// <summary>Port: counts attempts per (policy, subject) and refuses past the limit.</summary>
public interface IThrottle
{
    /// <summary>Counts one attempt; throws a Throttled <see cref="DomainException"/> with RetryAfter when the subject is over the limit.</summary>
    Task HitAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken);

    /// <summary>Throws like <see cref="HitAsync"/> when the subject is already over the limit, without counting.</summary>
    Task EnsureAllowedAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken);

    /// <summary>Forgets the subject's attempts in the current window (after a success, say).</summary>
    Task ResetAsync(ThrottlePolicy policy, string subject, CancellationToken cancellationToken);
}

public static class Throttled
{
    public static DomainException Because(ThrottlePolicy policy, TimeSpan retryAfter) =>
        new(FailureKind.Throttled, "too_many_requests", "Too many attempts. Try again later.") { RetryAfter = retryAfter };
}
