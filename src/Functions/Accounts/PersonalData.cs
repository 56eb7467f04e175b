using SupportFunctions.Domain.Identity;

namespace SupportFunctions.Functions.Accounts;

/// <summary>
/// One capability's part of <c>GET /api/me/export</c> ("everything held about me"). A capability that stores data
/// about a customer registers one, and the export includes it under <see cref="Name"/>.
/// </summary>
public interface IPersonalDataSection
{
    string Name { get; }

    /// <returns>The section as the API shows it (a JSON-serialisable view).</returns>
    Task<object> ExportAsync(CustomerCaller customer, string language, CancellationToken cancellationToken);
}
