using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;

namespace SupportFunctions.Functions.Partners;

public static class PartnerRegistration
{
    /// <summary>Partner records, the partner gate (identity and rate limit) and what partners may do.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPartnerDirectory, TablePartnerDirectory>();
        services.AddSingleton<ManagePartners>();
        services.AddSingleton<PartnerAccess>();
        services.AddSingleton(provider => new PartnerRateLimit(
            configuration.GetValue(PartnerRateLimit.Setting, PartnerRateLimit.DefaultPerMinute), provider.GetRequiredService<IClock>()));
        services.AddSingleton<PartnerGate>();
        services.AddSingleton<PartnerCertificates>();
        services.AddSingleton<PartnerTickets>();
        return services;
    }
}
