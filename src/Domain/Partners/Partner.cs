using System.Text.RegularExpressions;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Partners;

/// <summary>
/// A reseller the vendor has an agreement with: which products it may sell, which Entra applications (client ids) act as
/// it, and where to tell it about problems with its integration. <see cref="Version"/> is the stored row's ETag.
/// </summary>
public sealed record Partner(string Id, string Name, IReadOnlyList<string> ProductIds, IReadOnlyList<string> ClientIds, string? ContactEmail, string Version = "")
{
    public const int MaxName = 200;
    public const int MaxClientIds = 10;
    public const int MaxProducts = 100;

    public bool Sells(string productId) => ProductIds.Contains(productId, StringComparer.Ordinal);
}

/// <summary>What an admin sends to create or change a partner.</summary>
public sealed record PartnerInput(string? Name, IReadOnlyList<string>? ProductIds, IReadOnlyList<string>? ClientIds, string? ContactEmail);

/// <summary>Port: the partner records and the index from an application's client id to its partner.</summary>
public interface IPartnerDirectory
{
    Task<Partner?> FindAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>The partner whose record lists <paramref name="clientId"/>; null when none does.</summary>
    Task<Partner?> FindByClientAsync(string clientId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the partner (created, or changed if unchanged since <see cref="Partner.Version"/>) and its client ids.
    /// A client id another partner holds is refused with a Conflict naming it, and nothing changes.
    /// </summary>
    Task<Partner> SaveAsync(Partner partner, Partner? previous, CancellationToken cancellationToken);
}

/// <summary>Admins keep the partner records.</summary>
public sealed partial class ManagePartners(IPartnerDirectory directory, ICatalogue catalogue)
{
    public async Task<(Partner Partner, bool Created)> PutAsync(string? partnerId, PartnerInput input, CancellationToken cancellationToken)
    {
        var productIds = Distinct(input.ProductIds);
        var clientIds = Distinct(input.ClientIds);
        var validator = new Validator()
            .Check(ManageCatalogue.IsValidId(partnerId), "partnerId", "2 to 40 characters: lower-case Latin letters, digits and hyphens, starting with a letter or digit.")
            .Required("name", input.Name)
            .MaxLength("name", input.Name?.Trim(), Partner.MaxName)
            .Check(productIds.Count <= Partner.MaxProducts, "productIds", $"At most {Partner.MaxProducts}.")
            .Check(clientIds.Count is >= 1 and <= Partner.MaxClientIds, "clientIds", $"From 1 to {Partner.MaxClientIds} application (client) ids.")
            .Check(clientIds.All(id => ClientIdFormat().IsMatch(id)), "clientIds", "Each is an application (client) id: up to 100 Latin letters, digits, '-', '_' or '.'.")
            .Check(input.ContactEmail is null || EmailAddress.Normalize(input.ContactEmail) is not null, "contactEmail", "Enter a valid email address.");
        var products = await catalogue.ProductsAsync(cancellationToken);
        foreach (var unknown in productIds.Where(id => products.All(p => p.Id != id)))
        {
            validator.Add("productIds", $"No product '{unknown}'.");
        }
        validator.ThrowIfInvalid();

        var previous = await directory.FindAsync(partnerId!, cancellationToken);
        var partner = new Partner(partnerId!, input.Name!.Trim(), productIds, clientIds,
            input.ContactEmail is null ? null : EmailAddress.Normalize(input.ContactEmail), previous?.Version ?? "");
        return (await directory.SaveAsync(partner, previous, cancellationToken), previous is null);
    }

    public async Task<Partner> FindAsync(string? partnerId, CancellationToken cancellationToken) =>
        (ManageCatalogue.IsValidId(partnerId) ? await directory.FindAsync(partnerId!, cancellationToken) : null)
        ?? throw DomainException.NotFound("partner");

    public Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken) => directory.ListAsync(cancellationToken);

    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex ClientIdFormat();
}
