using Microsoft.AspNetCore.Http;
using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Functions.Http;

/// <summary>
/// Reads one kind of credential (customer session, Entra token, ...). Returns null when the request
/// carries none of its kind; throws an Unauthenticated <see cref="Domain.Common.DomainException"/>
/// when it carries one that is invalid.
/// </summary>
public interface ICallerSource
{
    Task<Caller?> TryAuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}

public sealed class CallerResolver(IEnumerable<ICallerSource> sources)
{
    public async Task<Caller> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            if (await source.TryAuthenticateAsync(request, cancellationToken) is { } caller)
            {
                return caller;
            }
        }
        return AnonymousCaller.Instance;
    }
}
