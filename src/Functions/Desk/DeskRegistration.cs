using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Desk;

public static class DeskRegistration
{
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        DeskMailTemplates.Register();
        services.AddOptions<DeskOptions>().BindConfiguration(DeskOptions.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<DeskOptions>>().Value);
        services.AddSingleton<TicketChangeQueue>();
        services.AddSingleton<StaffQueueTable>();
        services.AddSingleton<IStaffQueue>(provider => provider.GetRequiredService<StaffQueueTable>());
        services.AddSingleton<AutoCloseIndexTable>();
        services.AddSingleton<IAutoCloseIndex>(provider => provider.GetRequiredService<AutoCloseIndexTable>());
        services.AddSingleton<IStaffDirectory, StaffDirectoryTable>();
        services.AddSingleton<ISavedReplies, SavedRepliesTable>();
        services.AddSingleton<TicketChangeDispatcher>();
        services.AddSingleton<StaffTickets>();
        services.AddSingleton<AutoCloseTickets>();
        services.AddSingleton<Operations.IDemoSeeder, DeskDemoSeeder>();
        return services;
    }
}
