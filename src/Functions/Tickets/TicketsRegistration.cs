using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Certificates;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Tickets;

public static class TicketsRegistration
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        TicketMailTemplates.Register();
        services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section);
        services.AddOptions<TicketStorageOptions>().BindConfiguration(TicketOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TicketOptions>>().Value);
        services.AddSingleton<ITicketStore, TableTicketStore>();
        services.AddSingleton<ITicketIdBlocks, TableTicketIdBlocks>();
        services.AddSingleton<ITicketIds>(provider =>
            new HiLoTicketIds(provider.GetRequiredService<ITicketIdBlocks>(), provider.GetRequiredService<TicketOptions>().IdBlockSize));
        services.AddSingleton<IAttachmentBlobs, BlobAttachments>();
        services.AddSingleton<AttachmentRules>();
        services.AddSingleton(provider => new TicketMail(
            provider.GetRequiredService<ITicketStore>(),
            provider.GetRequiredService<INotificationQueue>(),
            provider.GetRequiredService<IAccountDirectory>(),
            provider.GetRequiredService<AccountSettings>().BaseUrl));
        services.AddSingleton<CustomerTickets>();
        services.AddSingleton<StaffTickets>();
        services.AddSingleton<IDemoSeeder, TicketDemoSeeder>();
        services.AddHostedService<UploadCorsSetup>();
        // Until the certificates and accounts capabilities register theirs (a later AddSingleton wins over these).
        services.TryAddSingleton<ICertificateCoverage, NoCertificateRegistry>();
        services.TryAddSingleton<IAccountDirectory, NoAccountDirectory>();
        return services;
    }
}

/// <summary>Without the certificates capability no certificate can be chosen; tickets without one still work.</summary>
internal sealed class NoCertificateRegistry : ICertificateCoverage
{
    public Task<TicketCoverage> ForTicketAsync(string accountId, string certificateId, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw DomainException.NotFound("certificate");
}

/// <summary>Without the accounts capability nobody can be addressed: ticket mail is dropped.</summary>
internal sealed class NoAccountDirectory : IAccountDirectory
{
    public Task<AccountContact?> FindAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult<AccountContact?>(null);
}
