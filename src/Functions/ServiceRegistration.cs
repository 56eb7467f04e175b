using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Operations;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Domain.Time;
using SupportFunctions.Functions.Desk;
using SupportFunctions.Functions.Partners;
using SupportFunctions.Functions.Accounts;
using SupportFunctions.Functions.Certificates;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Identity;
using SupportFunctions.Functions.Knowledge;
using SupportFunctions.Functions.Notifications;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;
using SupportFunctions.Functions.Tickets;

namespace SupportFunctions.Functions;

/// <summary>
/// Everything the app registers, called by Program (the Functions host) and by the DevHost alike,
/// so both run the same services. Each capability adds its own Add* method here.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddSupportFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<WindowCounters>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<TimerRunner>();

        services.AddStorage(configuration);
        services.AddBusinessCalendar();
        services.AddOperations();
        services.AddNotifications();
        services.AddAccounts();
        services.AddStaffIdentity(configuration);
        services.AddCertificates(configuration);
        services.AddTickets();
        services.AddDesk();
        services.AddPartners(configuration);
        services.AddKnowledgeBase();
        return services;
    }

    /// <summary>Support's time zone, working hours and production calendar, shared by first-response targets and the auto-close clock.</summary>
    private static IServiceCollection AddBusinessCalendar(this IServiceCollection services)
    {
        services.AddOptions<BusinessCalendarOptions>().BindConfiguration(BusinessCalendarOptions.Section);
        services.AddSingleton(provider => BusinessCalendar.From(provider.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value));
        services.AddOptions<SupportScheduleOptions>().BindConfiguration(SupportScheduleOptions.Section);
        services.AddSingleton(provider => new SupportSchedule(
            provider.GetRequiredService<BusinessCalendar>(), provider.GetRequiredService<IOptions<SupportScheduleOptions>>().Value));
        return services;
    }

    private static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StorageRoundTrips>();
        services.AddSingleton(provider => new StorageClients(configuration, provider.GetRequiredService<StorageRoundTrips>()));
        services.AddKeyedSingleton("probe", (_, _) => new StorageClients(configuration, new StorageRoundTrips(), forProbe: true));
        services.AddSingleton<IStorageProbe>(provider => new StorageProbe(provider.GetRequiredKeyedService<StorageClients>("probe")));
        services.AddSingleton<IPoisonQueues>(provider => new PoisonQueueCounts(provider.GetRequiredKeyedService<StorageClients>("probe"),
            [Notification.QueueName, TicketChangeQueue.QueueName, StorageWebhookQueue.QueueName],
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PoisonQueueCounts>>()));
        services.AddSingleton<ExpiryIndex>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailOutboxRepair>();
        services.AddSingleton<PoisonRevival>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IThrottle, TableThrottle>();
        return services;
    }

    private static IServiceCollection AddOperations(this IServiceCollection services)
    {
        var version = typeof(ServiceRegistration).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        services.AddSingleton(provider => new CheckHealth(
            provider.GetRequiredService<IStorageProbe>(), provider.GetRequiredService<IPoisonQueues>(), provider.GetRequiredService<BusinessCalendar>(), provider.GetRequiredService<IClock>(), version));
        services.AddHostedService<CalendarReport>();
        services.AddSingleton<DemoData>();
        return services;
    }

    /// <summary>Entra ID tokens for staff and partners; the dev identity's tokens on the local stack only.</summary>
    private static IServiceCollection AddStaffIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        DevIdentity.EnsureLocal(configuration);
        if (DevIdentity.IsEnabled(configuration))
        {
            services.AddSingleton<DevIdentity>();
            services.AddSingleton(provider => provider.GetRequiredService<DevIdentity>().Trust());
        }
        if (EntraSettings.From(configuration) is { } entra)
        {
            services.AddSingleton(provider => TokenTrust.ForEntra(entra, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, provider.GetRequiredService<IClock>()));
        }
        services.AddSingleton<ICallerSource, TokenCallerSource>();
        return services;
    }

    private static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<INotificationQueue, NotificationQueue>();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section);
        services.AddSingleton<ISentMailLog, SentMailTable>();
        services.AddSingleton<SmtpMailSender>();
        services.AddHttpClient<AcsMailSender>();
        services.AddSingleton<IMailSender>(provider =>
            string.Equals(provider.GetRequiredService<IOptions<MailOptions>>().Value.Sender, "acs", StringComparison.OrdinalIgnoreCase)
                ? provider.GetRequiredService<AcsMailSender>()
                : provider.GetRequiredService<SmtpMailSender>());
        services.AddSingleton<INotificationDelivery, NotificationDelivery>();
        return services;
    }

    private static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountSettings>().BindConfiguration(AccountSettings.Section);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<AccountSettings>>().Value);
        services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        services.AddSingleton<AccountTable>();
        services.AddSingleton<IAccountStore>(provider => provider.GetRequiredService<AccountTable>());
        services.AddSingleton<IMailOutboxTable>(provider => provider.GetRequiredService<AccountTable>());
        services.AddSingleton<IAccountTokens, AccountTokenTable>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<SessionTable>();
        services.AddSingleton<ISessionStore>(provider => provider.GetRequiredService<SessionTable>());
        services.AddSingleton<ICallerSource, CustomerSessionSource>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<IAccountDirectory, AccountDirectory>();
        services.AddSingleton<IDemoSeeder, AccountDemoSeeder>();
        return services;
    }
}
