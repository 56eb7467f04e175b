using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Tickets;

public static class TicketsRegistration
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        TicketMailTemplates.Register();
        services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section);
        services.AddOptions<TicketStorageOptions>().BindConfiguration(TicketOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<TicketOptions>>().Value);
        services.AddSingleton<TableTicketStore>();
        services.AddSingleton<ITicketStore>(provider => provider.GetRequiredService<TableTicketStore>());
        services.AddSingleton<ITicketIdBlocks, TableTicketIdBlocks>();
        services.AddSingleton<ITicketIds>(provider =>
            new HiLoTicketIds(provider.GetRequiredService<ITicketIdBlocks>(), provider.GetRequiredService<TicketOptions>().IdBlockSize));
        services.AddSingleton<IAttachmentBlobs, BlobAttachments>();
        services.AddSingleton<AttachmentRules>();
        services.AddSingleton(provider => new TicketMail(
            provider.GetRequiredService<ITicketStore>(),
            provider.GetRequiredService<INotificationQueue>(),
            provider.GetRequiredService<IAccountDirectory>(),
            provider.GetRequiredService<IStaffDirectory>(),
            provider.GetRequiredService<ISolutionLinks>(),
            provider.GetRequiredService<SupportFunctions.Domain.Common.IClock>(),
            provider.GetRequiredService<AccountSettings>().BaseUrl));
        services.AddSingleton<ISolutionLinks, SignedSolutionLinks>();
        services.AddSingleton<IMailOutboxTable, TicketOutboxMail>();
        services.AddSingleton<CustomerTickets>();
        services.AddOptions<CustomerLimitOptions>().BindConfiguration(CustomerLimitOptions.Section);
        services.AddSingleton(provider => new CustomerLimits(
            provider.GetRequiredService<SupportFunctions.Domain.Common.WindowCounters>(), provider.GetRequiredService<IOptions<CustomerLimitOptions>>().Value));
        services.AddSingleton<Accounts.IPersonalDataSection, TicketPersonalData>();
        services.AddSingleton<IDemoSeeder, TicketDemoSeeder>();
        services.AddHostedService<UploadCorsSetup>();
        return services;
    }
}
