using Azure.Data.Tables;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Functions.Catalogue;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Certificates;

/// <summary>
/// Demo catalogue of a crypto-software vendor, and a few certificates in the registry with fixed serials and
/// activation codes (printed in README), so a demo customer can register one.
/// </summary>
public sealed class CatalogueDemoSeeder(TableCatalogue catalogue) : IDemoSeeder
{
    public int Order => 10;
    public string Name => "catalogue";

    public static readonly Department[] Departments =
    [
        new("general", new LocalizedName("Общие вопросы", "General questions")),
        new("crypto", new LocalizedName("Средства криптографической защиты", "Cryptographic protection")),
        new("pki", new LocalizedName("Удостоверяющий центр и PKI", "Certification authority and PKI")),
    ];

    public static readonly Product[] Products =
    [
        new("cryptoguard-csp", new LocalizedName("КриптоСтраж CSP", "CryptoGuard CSP"), "crypto"),
        new("cryptoguard-vpn", new LocalizedName("КриптоСтраж VPN-шлюз", "CryptoGuard VPN Gateway"), "crypto"),
        new("signflow", new LocalizedName("ПодписьПоток: электронная подпись документов", "SignFlow document signing"), "pki"),
        new("trustca", new LocalizedName("ДоверЦентр: удостоверяющий центр", "TrustCA certification authority"), "pki"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var department in Departments)
        {
            await catalogue.UpsertAsync(department, Products.Where(p => p.DepartmentId == department.Id), cancellationToken);
        }
    }
}

public sealed class CertificateDemoSeeder(StorageClients storage, IClock clock) : IDemoSeeder
{
    public int Order => 20;
    public string Name => "certificates";

    /// <summary>Serial, activation code, product, plan, days from now it started, days from now it ends.</summary>
    public static readonly (string Serial, string Code, string Product, string Plan, int From, int To)[] Certificates =
    [
        (Demo("7K2M9QX4TD8"), "DEMO-CSP1-2026-PREM", "cryptoguard-csp", "premium", -200, 165),
        (Demo("3VPN8GATE4W"), "DEMO-VPN1-2026-STND", "cryptoguard-vpn", "standard", -340, 25),
        (Demo("5SGN1FXW6ZA"), "DEMO-SGN1-2026-BSIC", "signflow", "basic", -30, 335),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableCertificateRegistry.TableName);
        var today = new DateTimeOffset(clock.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var (serial, code, product, plan, from, to) in Certificates)
        {
            var salt = ActivationCode.NewSalt();
            await table.UpsertEntityAsync(new TableEntity(serial, "")
            {
                ["ProductId"] = product,
                ["Plan"] = plan,
                ["ValidFrom"] = today.AddDays(from),
                ["ValidTo"] = today.AddDays(to),
                ["IssuerKind"] = "staff",
                ["IssuerId"] = "demo",
                ["CustomerName"] = "ООО «Демо»",
                ["IssuedAt"] = today.AddDays(from),
                ["ActivationSalt"] = salt,
                ["ActivationHash"] = ActivationCode.Hash(code, salt),
                ["RevokedAt"] = null,
            }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static string Demo(string body) => Serial.Read(body + Serial.CheckSymbol(body)).Serial!.Value.Value;
}
