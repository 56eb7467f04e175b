using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportFunctions.Domain.Catalogue;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Catalogue;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Certificates;

public static class CertificateRegistration
{
    /// <summary>Products, departments, the certificate registry, "my certificates" and expiry reminders.</summary>
    public static IServiceCollection AddCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TableCatalogue>();
        services.AddSingleton<ICatalogue>(provider => provider.GetRequiredService<TableCatalogue>());
        services.AddSingleton<ManageCatalogue>();

        services.AddSingleton(PlansFrom(configuration));
        services.AddSingleton(LimitsFrom(configuration));
        services.AddSingleton<ICertificateRegistry, TableCertificateRegistry>();
        services.AddSingleton<ICertificateClaims, TableCertificateClaims>();
        services.AddSingleton<ICustomerCertificates, TableCustomerCertificates>();
        services.AddSingleton<IExpiryReminders, TableExpiryReminders>();
        services.AddSingleton<IssueCertificates>();
        services.AddSingleton<RegisterCertificates>();
        services.AddSingleton<ICertificateCoverage, CertificateCoverage>();
        services.AddSingleton<SendExpiryReminders>();
        CertificateMailTemplates.Register();

        services.AddSingleton<Accounts.IPersonalDataSection, CertificatePersonalData>();
        services.AddSingleton<IDemoSeeder, CatalogueDemoSeeder>();
        services.AddSingleton<IDemoSeeder, CertificateDemoSeeder>();
        return services;
    }

    /// <summary><c>Certificates:Plans:{plan}</c> = a ticket priority; without the section, <see cref="SupportPlans.Defaults"/>.</summary>
    public static SupportPlans PlansFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("Certificates:Plans").GetChildren().ToArray();
        if (section.Length == 0)
        {
            return new SupportPlans(SupportPlans.Defaults);
        }
        return new SupportPlans(section.ToDictionary(
            plan => plan.Key,
            plan => SupportPlans.Parse(plan.Value ?? "", plan.Key),
            StringComparer.Ordinal));
    }

    private static GuessLimits LimitsFrom(IConfiguration configuration)
    {
        var defaults = GuessLimits.Default;
        return new GuessLimits(
            defaults.PerAccount with { Limit = configuration.GetValue("Certificates:GuessesPerAccountPerHour", defaults.PerAccount.Limit) },
            defaults.PerClient with { Limit = configuration.GetValue("Certificates:GuessesPerClientPerHour", defaults.PerClient.Limit) });
    }
}
